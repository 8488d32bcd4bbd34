import { currentTotalLimits, customerBounds, DEFAULT_CONFIG, generatePortfolio, gradeFromPd, incomeMultipleTargets, optimisePortfolio, runRuleBaseline } from '../src';

describe('rule baseline', () => {
  const customers = generatePortfolio({ size: 3_000, seed: 8 });
  const total = currentTotalLimits(customers);

  test('grades from PD bands', () => {
    expect([0.005, 0.015, 0.03, 0.06, 0.2].map((pd) => gradeFromPd(pd))).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  test.each([0.9, 1, 1.2])('respects every hard rule and the budget (budget %p × current), and never beats the optimiser', (share) => {
    const budget = Math.round(total * share);
    const rule = runRuleBaseline({ customers, budget });
    expect(rule.after.exposure).toBeLessThanOrEqual(budget);
    const broken = customers.filter((c, i) => {
      const b = customerBounds(c, DEFAULT_CONFIG);
      const cash = rule.limits[2 * i] as number;
      const pay = rule.limits[2 * i + 1] as number;
      const inBounds = cash >= b.cashLoan.lo && cash <= b.cashLoan.hi && pay >= b.payLater.lo && pay <= b.payLater.hi;
      const onGrid = cash % DEFAULT_CONFIG.step === 0 && pay % DEFAULT_CONFIG.step === 0;
      const capped = cash + pay <= b.cap || (cash === b.cashLoan.lo && pay === b.payLater.lo);
      return !(inBounds && onGrid && capped);
    });
    expect(broken).toEqual([]);
    const optimised = optimisePortfolio({ customers, budget });
    expect(optimised.after.objective).toBeGreaterThanOrEqual(rule.after.objective);
  });

  test('any rule given as target sub-limits is fitted the same way; the default rule is the income multiple', () => {
    const budget = Math.round(total * 0.9);
    const asTargets = runRuleBaseline({ customers, budget }, incomeMultipleTargets(customers));
    expect(asTargets.limits).toEqual(runRuleBaseline({ customers, budget }).limits);
    const generous = runRuleBaseline({ customers, budget }, new Float64Array(2 * customers.length).fill(1e12));
    expect(generous.after.exposure).toBeLessThanOrEqual(budget);
    expect(generous.after.exposure).toBeGreaterThan(budget - customers.length * DEFAULT_CONFIG.step);
    expect(() => runRuleBaseline({ customers, budget }, new Float64Array(3))).toThrow(RangeError);
  });
});
