import { yuan } from '@jc/domain';
import { DEFAULT_CONFIG, compilePortfolio, expectedBalance, lineEconomics, lineOutcome, profitSlopes, responseRate, type CustomerInput } from '../src';
import { activeCustomer } from './helpers/customer';

const customer = (over: Partial<CustomerInput> = {}): CustomerInput =>
  activeCustomer({
    pd: 0.03,
    annualIncome: yuan(120_000),
    cashLoan: { current: yuan(20_000), drawn: yuan(9_000), apr: 0.18 },
    payLater: { current: yuan(5_000), drawn: yuan(1_200) },
    ...over,
  });

describe('balance response', () => {
  const r = DEFAULT_CONFIG.response;
  test('anchors: ~0 for prime, 59% for subprime, monotone in between', () => {
    expect(responseRate(0, r)).toBe(r.responsePrime);
    expect(responseRate(0.005, r)).toBe(r.responsePrime);
    expect(responseRate(0.08, r)).toBeCloseTo(0.59, 12);
    expect(responseRate(0.5, r)).toBe(0.59);
    let prev = -1;
    for (let pd = 0.001; pd < 0.2; pd *= 1.1) {
      const v = responseRate(pd, r);
      expect(v).toBeGreaterThanOrEqual(prev);
      prev = v;
    }
  });

  test('the balance curve has slope r at today\'s limit, saturates, and never exceeds the limit', () => {
    const c = customer();
    const le = lineEconomics(c, 'CASH_LOAN', DEFAULT_CONFIG);
    const h = 1;
    const slope = (expectedBalance(le, le.current + h) - expectedBalance(le, le.current - h)) / (2 * h);
    expect(slope).toBeCloseTo(responseRate(c.pd, DEFAULT_CONFIG.response), 6);
    expect(expectedBalance(le, le.drawn)).toBeCloseTo(le.drawn, 9);
    expect(expectedBalance(le, 1e12)).toBeCloseTo(le.drawn + le.amplitude, 3);
    for (let limit = le.drawn; limit < yuan(200_000); limit += yuan(1_000)) expect(expectedBalance(le, limit)).toBeLessThanOrEqual(limit + 1e-9);
  });

  test('a line far above its usage is capped at slope 1 at zero headroom', () => {
    const c = customer({ pd: 0.3, annualIncome: yuan(10_000), cashLoan: { current: yuan(50_000), drawn: 0, apr: 0.24 } });
    const le = lineEconomics(c, 'CASH_LOAN', DEFAULT_CONFIG);
    expect(le.amplitude / le.kappa).toBeLessThanOrEqual(DEFAULT_CONFIG.response.maxSlope + 1e-12);
  });
});

describe('line P&L', () => {
  test('profit = revenue − EL − funding − capital, and equals alpha·balance − beta·limit', () => {
    for (const product of ['CASH_LOAN', 'PAY_LATER'] as const) {
      const le = lineEconomics(customer(), product, DEFAULT_CONFIG);
      const { alpha, beta } = profitSlopes(le);
      for (const limit of [le.drawn, le.current, 2 * le.current + yuan(1_000)]) {
        const o = lineOutcome(le, limit);
        expect(o.ead).toBeCloseTo(o.balance + le.ccfLoss * (limit - o.balance), 6);
        expect(o.expectedLoss).toBeCloseTo(le.pd * le.lgd * o.ead, 6);
        expect(o.profit).toBeCloseTo(o.revenue - o.expectedLoss - o.fundingCost - o.capitalCharge, 6);
        expect(o.profit).toBeCloseTo(alpha * o.balance - beta * limit, 6);
      }
    }
  });

  test('cash loan revenue is APR on the balance; pay later is merchant fees on spend plus instalment fees', () => {
    const c = customer();
    const cash = lineOutcome(lineEconomics(c, 'CASH_LOAN', DEFAULT_CONFIG), yuan(20_000));
    expect(cash.revenue).toBeCloseTo(0.18 * cash.balance, 6);
    const pl = DEFAULT_CONFIG.payLater;
    const pay = lineOutcome(lineEconomics(c, 'PAY_LATER', DEFAULT_CONFIG), yuan(5_000));
    expect(pay.revenue).toBeCloseTo(pay.balance * (pl.merchantDiscountRate * pl.annualTurnover + pl.instalmentShare * pl.instalmentFeeRate), 6);
  });

  test('profit is concave on the grid (decreasing marginals) whenever alpha ≥ 0, and every marginal is negative otherwise', () => {
    const step = DEFAULT_CONFIG.step;
    for (const pd of [0.001, 0.01, 0.03, 0.08, 0.2, 0.45, 0.9]) {
      for (const product of ['CASH_LOAN', 'PAY_LATER'] as const) {
        const le = lineEconomics(customer({ pd }), product, DEFAULT_CONFIG);
        const { alpha } = profitSlopes(le);
        let prev = Infinity;
        for (let limit = le.drawn; limit < yuan(100_000); limit += step) {
          const m = lineOutcome(le, limit + step).profit - lineOutcome(le, limit).profit;
          if (alpha >= 0) expect(m).toBeLessThanOrEqual(prev + 1e-9);
          else expect(m).toBeLessThan(0);
          prev = m;
        }
      }
    }
  });

  test('the closed-form step marginals used by the solver equal differences of the P&L', () => {
    const customers = [customer(), customer({ id: 'c2', pd: 0.002 }), customer({ id: 'c3', pd: 0.6 })];
    const compiled = compilePortfolio(customers, DEFAULT_CONFIG);
    for (let j = 0; j < 2 * customers.length; j++) {
      const le = compiled.lines.at(j);
      for (let k = 1; k <= 30; k++) {
        const from = (compiled.lo[j] as number) + (k - 1) * compiled.step;
        const diff = lineOutcome(le, from + compiled.step).profit - lineOutcome(le, from).profit;
        expect(compiled.chains.m(j, k)).toBeCloseTo(diff, 8);
      }
    }
  });
});
