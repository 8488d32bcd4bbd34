import { yuan } from '@jc/domain';
import { optimisePortfolio, type CustomerInput, type DeepPartial, type OptimiserConfig } from '../src';
import { activeCustomer } from './helpers/customer';

const SLACK = yuan(10_000_000);

/** A customer whose cash loan is clearly worth raising: mid risk, high APR, high response. */
const grower = (over: Partial<CustomerInput> = {}): CustomerInput =>
  activeCustomer({
    id: 'c_grow',
    pd: 0.04,
    annualIncome: yuan(150_000),
    cashLoan: { current: yuan(20_000), drawn: yuan(12_000), apr: 0.24 },
    payLater: { current: yuan(4_000), drawn: yuan(2_000) },
    ...over,
  });

function solveOne(customer: CustomerInput, budget = SLACK, config?: DeepPartial<OptimiserConfig>) {
  const result = optimisePortfolio({ customers: [customer], budget, ...(config ? { config } : {}) });
  return result.decisions[0]!;
}

describe('marginal reasons', () => {
  test('MAX_CHANGE when the per-review band stops a profitable rise', () => {
    const d = solveOne(grower());
    expect(d.cashLoan).toMatchObject({ limit: yuan(30_000), change: yuan(10_000), reason: 'MAX_CHANGE' });
  });

  test('POLICY_MAX when the stage/tier maximum stops it', () => {
    const d = solveOne(grower({ cashLoan: { current: yuan(90_000), drawn: yuan(60_000), apr: 0.24 } }));
    expect(d.cashLoan).toMatchObject({ limit: yuan(100_000), reason: 'POLICY_MAX' });
  });

  test('REGULATORY_CAP when the per-person cap binds across both products', () => {
    const d = solveOne(grower({ tier: 'HIGH_VALUE' }), SLACK, { regulatoryCap: yuan(25_000) });
    expect(d.jointLimit).toBe(yuan(25_000));
    expect(d.cashLoan).toMatchObject({ limit: yuan(21_000), reason: 'REGULATORY_CAP' });
  });

  test('POLICY_MAX when the tier joint maximum binds', () => {
    const d = solveOne(grower({ tier: 'MEDIUM_RISK', cashLoan: { current: yuan(70_000), drawn: yuan(50_000), apr: 0.24 }, payLater: { current: yuan(8_000), drawn: 0 } }));
    expect(d.jointLimit).toBe(yuan(80_000));
    expect(d.cashLoan.reason).toBe('POLICY_MAX');
  });

  test('BUDGET_BOUND when the portfolio budget stops it', () => {
    const result = optimisePortfolio({ customers: [grower()], budget: yuan(24_000 + 300) });
    expect(result.shadowPrice).toBeGreaterThan(0);
    expect(result.decisions[0]!.cashLoan).toMatchObject({ limit: yuan(20_300), reason: 'BUDGET_BOUND' });
    expect(result.reasonCounts.BUDGET_BOUND).toBeGreaterThanOrEqual(1);
  });

  test('UNPROFITABLE when a further step loses money', () => {
    const d = solveOne(grower({ pd: 0.35, cashLoan: { current: 0, drawn: 0, apr: 0.24 } }));
    expect(d.cashLoan).toMatchObject({ limit: 0, reason: 'UNPROFITABLE' });
  });

  test('NEVER_BELOW_DRAWN when the drawn balance stops a cut', () => {
    const d = solveOne(grower({ stage: 'DORMANT', pd: 0.45, cashLoan: { current: yuan(10_000), drawn: yuan(9_050), apr: 0.24 } }));
    expect(d.cashLoan).toMatchObject({ limit: yuan(9_100), change: -yuan(900), reason: 'NEVER_BELOW_DRAWN' });
  });

  test('MAX_CHANGE when the band stops a cut, POLICY_MIN when the policy minimum does', () => {
    const d = solveOne(grower({ stage: 'DORMANT', pd: 0.45, cashLoan: { current: yuan(10_000), drawn: 0, apr: 0.24 } }), SLACK, {
      policy: { DORMANT: { PAY_LATER: { min: yuan(3_000) } } },
    });
    expect(d.cashLoan).toMatchObject({ limit: yuan(5_000), reason: 'MAX_CHANGE' });
    expect(d.payLater).toMatchObject({ limit: yuan(3_000), reason: 'POLICY_MIN' });
  });

  test('a closed product reports POLICY_MAX when opening it would pay', () => {
    const d = solveOne(grower({ stage: 'NEW', cashLoan: { current: 0, drawn: 0, apr: 0.24 } }));
    expect(d.cashLoan).toMatchObject({ limit: 0, reason: 'POLICY_MAX' });
  });
});
