import { yuan } from '@jc/domain';
import { OptimiserInputError, generatePortfolio, optimisePortfolio, prepare, prepareEach, runRuleBaseline, type CustomerInput, type OptimiseInput } from '../src';
import { activeCustomer } from './helpers/customer';

function fieldOf(input: OptimiseInput): string {
  try {
    optimisePortfolio(input);
  } catch (e) {
    expect(e).toBeInstanceOf(OptimiserInputError);
    expect((e as OptimiserInputError).code).toBe('OPTIMISER_INVALID_INPUT');
    return (e as OptimiserInputError).field;
  }
  throw new Error('expected an OptimiserInputError');
}

const withCustomer = (patch: (c: CustomerInput) => void, budget = yuan(1_000_000)): OptimiseInput => {
  const c = activeCustomer();
  patch(c);
  return { customers: [c], budget };
};

const withIds = (...ids: string[]): CustomerInput[] => ids.map((id) => ({ ...activeCustomer(), id }));

describe('bad input throws a typed error naming the field', () => {
  test.each<[string, OptimiseInput, string]>([
    ['negative budget', { customers: [activeCustomer()], budget: -1 }, 'budget'],
    ['NaN budget', { customers: [activeCustomer()], budget: Number.NaN }, 'budget'],
    ['infinite budget', { customers: [activeCustomer()], budget: Infinity }, 'budget'],
    ['fractional budget', { customers: [activeCustomer()], budget: 10.5 }, 'budget'],
    ['PD above 1', withCustomer((c) => (c.pd = 1.2)), 'customers[0].pd'],
    ['negative PD', withCustomer((c) => (c.pd = -0.1)), 'customers[0].pd'],
    ['NaN PD', withCustomer((c) => (c.pd = Number.NaN)), 'customers[0].pd'],
    ['negative drawn', withCustomer((c) => (c.cashLoan.drawn = -5)), 'customers[0].cashLoan.drawn'],
    ['negative current', withCustomer((c) => (c.payLater.current = -100)), 'customers[0].payLater.current'],
    ['infinite income', withCustomer((c) => (c.annualIncome = Infinity)), 'customers[0].annualIncome'],
    ['APR above the cap', withCustomer((c) => (c.cashLoan.apr = 0.36)), 'customers[0].cashLoan.apr'],
    ['NaN APR', withCustomer((c) => (c.cashLoan.apr = Number.NaN)), 'customers[0].cashLoan.apr'],
    ['unknown stage', withCustomer((c) => ((c as { stage: string }).stage = 'VIP')), 'customers[0].stage'],
    ['unknown tier', withCustomer((c) => ((c as { tier: string }).tier = 'GOLD')), 'customers[0].tier'],
    ['empty id', withCustomer((c) => (c.id = '')), 'customers[0].id'],
    ['negative joint limit', withCustomer((c) => (c.currentJointLimit = -1)), 'customers[0].currentJointLimit'],
    ['change limit above 1', withCustomer((c) => (c.maxChangeFraction = 1.5)), 'customers[0].maxChangeFraction'],
    ['duplicate id', { customers: [activeCustomer(), activeCustomer()], budget: 1 }, 'customers[1].id'],
    ['duplicate id out of order', { customers: withIds('b', 'c', 'a', 'd', 'c'), budget: 1 }, 'customers[4].id'],
    ['duplicate id where the order breaks', { customers: withIds('a', 'c', 'a'), budget: 1 }, 'customers[2].id'],
    ['negative segment budget', { customers: [activeCustomer()], budget: 1, segmentBudgets: { A: -5 } }, 'segmentBudgets.A'],
    ['NaN funding rate', { customers: [activeCustomer()], budget: 1, config: { fundingRate: Number.NaN } }, 'config.fundingRate'],
    ['infinite LGD', { customers: [activeCustomer()], budget: 1, config: { products: { CASH_LOAN: { lgd: Infinity } } } }, 'config.products.CASH_LOAN.lgd'],
    ['CCF above 1', { customers: [activeCustomer()], budget: 1, config: { products: { PAY_LATER: { ccfLoss: 1.5 } } } }, 'config.products.PAY_LATER.ccfLoss'],
    ['zero step', { customers: [activeCustomer()], budget: 1, config: { step: 0 } }, 'config.step'],
    ['negative policy max', { customers: [activeCustomer()], budget: 1, config: { policy: { NEW: { PAY_LATER: { max: -1 } } } } }, 'config.policy.NEW.PAY_LATER.max'],
    ['policy min above max', { customers: [activeCustomer()], budget: 1, config: { policy: { ACTIVE: { CASH_LOAN: { min: yuan(200_000) } } } } }, 'config.policy.ACTIVE.CASH_LOAN.min'],
    ['NaN tier multiplier', { customers: [activeCustomer()], budget: 1, config: { tierMaxMultiplier: { HIGH_VALUE: Number.NaN } } }, 'config.tierMaxMultiplier.HIGH_VALUE'],
    ['PD anchors out of order', { customers: [activeCustomer()], budget: 1, config: { response: { pdSubprime: 0.001 } } }, 'config.response.pdSubprime'],
  ])('%s → %s', (_name, input, field) => {
    expect(fieldOf(input)).toBe(field);
  });

  test('the message names the field too, and the rule baseline validates the same way', () => {
    expect(() => runRuleBaseline({ customers: [activeCustomer()], budget: -1 })).toThrow(/^budget: /);
  });

  test('an empty portfolio is valid', () => {
    const r = optimisePortfolio({ customers: [], budget: 0 });
    expect(r.status).toBe('OPTIMAL');
    expect(r.after.exposure).toBe(0);
  });
});

describe('prepareEach, customers made one at a time', () => {
  const customers = generatePortfolio({ size: 500, seed: 5 });
  const budget = yuan(1_000_000);

  test('compiles what prepare compiles', () => {
    expect(prepareEach(customers.length, (i) => customers[i]!, { budget }).compiled).toEqual(prepare({ customers, budget }).compiled);
  });

  test('asks again for the customers before a break in id order, to find a repeat among them', () => {
    const made: number[] = [];
    const ids = ['a', 'c', 'b', 'c'];
    const customerAt = (i: number): CustomerInput => {
      made.push(i);
      return { ...activeCustomer(), id: ids[i]! };
    };
    expect(() => prepareEach(ids.length, customerAt, { budget })).toThrow(/^customers\[3\]\.id: duplicates customer c/);
    expect(made).toEqual([0, 1, 2, 0, 1, 3]);
  });
});
