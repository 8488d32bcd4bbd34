import { yuan } from '@jc/domain';
import { optimisePortfolio, customerBounds, resolveConfig, type CustomerInput } from '../src';
import { bruteForce } from './helpers/brute-force';
import { smallInstance } from './helpers/small-instance';

const SEEDS = Array.from({ length: 400 }, (_, k) => 1_000 + k);

describe('Lagrangian solver equals brute-force enumeration on small instances', () => {
  let binding = 0;
  let infeasible = 0;
  let withSegments = 0;

  afterAll(() => {
    // The seeds must actually exercise the budget, infeasibility and segments.
    expect(binding).toBeGreaterThan(60);
    expect(infeasible).toBeGreaterThan(5);
    expect(withSegments).toBeGreaterThan(50);
  });

  // fillLimit 1 forces the bisection to narrow the bracket to single steps before the fill.
  test.each(SEEDS.map((seed) => [seed, seed % 2 === 0 ? 1 : undefined] as const))('seed %i (fillLimit %p)', (seed, fillLimit) => {
    const inst = smallInstance(seed);
    const result = optimisePortfolio({
      customers: inst.customers,
      budget: inst.budget,
      segmentBudgets: inst.segmentBudgets,
      config: inst.configOverrides,
      ...(fillLimit === undefined ? {} : { solver: { fillLimit } }),
    });
    const brute = bruteForce(inst.customers, inst.config, inst.budget, inst.segmentBudgets);
    if (Object.keys(inst.segmentBudgets).length > 0) withSegments++;
    if (brute === null) {
      infeasible++;
      expect(result.status).toBe('BUDGET_BELOW_FLOOR');
      return;
    }
    expect(result.status).toBe('OPTIMAL');
    if (result.shadowPrice > 0 || Object.values(result.segmentShadowPrices).some((p) => p > 0)) binding++;
    expect(result.after.objective).toBeCloseTo(brute.objective, 6);

    // Independently check feasibility of what the solver returned.
    let exposure = 0;
    const segUsed: Record<string, number> = {};
    result.decisions.forEach((d, i) => {
      const c = inst.customers[i]!;
      const b = customerBounds(c, inst.config);
      for (const [line, bounds, drawn] of [
        [d.cashLoan, b.cashLoan, c.cashLoan.drawn],
        [d.payLater, b.payLater, c.payLater.drawn],
      ] as const) {
        expect(line.limit).toBeGreaterThanOrEqual(bounds.lo);
        expect(line.limit).toBeLessThanOrEqual(bounds.hi);
        expect(line.limit).toBeGreaterThanOrEqual(drawn);
        expect(line.limit % inst.config.step).toBe(0);
      }
      const sum = d.cashLoan.limit + d.payLater.limit;
      if (sum > b.cap) expect([d.cashLoan.limit, d.payLater.limit]).toEqual([b.cashLoan.lo, b.payLater.lo]);
      // the joint limit covers each sub-limit and is what the customer can draw
      if (sum > 0) expect(d.jointLimit).toBeGreaterThanOrEqual(Math.max(d.cashLoan.limit, d.payLater.limit));
      expect(d.exposureAfter).toBe(Math.min(d.jointLimit, sum));
      exposure += d.exposureAfter;
      if (c.segment) segUsed[c.segment] = (segUsed[c.segment] ?? 0) + d.exposureAfter;
    });
    expect(exposure).toBeLessThanOrEqual(inst.budget);
    for (const [s, used] of Object.entries(segUsed)) if (inst.segmentBudgets[s] !== undefined) expect(used).toBeLessThanOrEqual(inst.segmentBudgets[s]!);
  });
});

describe('ties at the critical price', () => {
  const config = { step: yuan(1_000) };
  const twin = (k: number, pd: number): CustomerInput => ({
    id: `twin${k}`,
    pd,
    stage: 'ACTIVE',
    tier: 'STANDARD',
    annualIncome: yuan(100_000),
    cashLoan: { current: yuan(10_000), drawn: yuan(8_000), apr: 0.2 },
    payLater: { current: yuan(4_000), drawn: yuan(3_500) },
  });

  test.each([0.03, 0.05, 0.08])('identical customers (pd %p) split the last steps optimally and by index', (pd) => {
    const customers = [0, 1, 2, 3].map((k) => twin(k, pd));
    const floor = 4 * yuan(14_000);
    for (const extraSteps of [1, 2, 3, 5, 7]) {
      const budget = floor + extraSteps * yuan(1_000) + 17;
      for (const fillLimit of [1, undefined]) {
        const result = optimisePortfolio({ customers, budget, config, ...(fillLimit ? { solver: { fillLimit } } : {}) });
        const brute = bruteForce(customers, resolveConfig(config), budget);
        expect(result.shadowPrice).toBeGreaterThan(0);
        expect(result.after.objective).toBeCloseTo(brute!.objective, 6);
        expect(result.after.exposure).toBe(floor + extraSteps * yuan(1_000));
        // Twins differ by at most one step, and an earlier twin never has less.
        const exposures = result.decisions.map((d) => d.exposureAfter);
        for (let k = 1; k < exposures.length; k++) expect(exposures[k - 1]!).toBeGreaterThanOrEqual(exposures[k]!);
        expect(exposures[0]! - exposures[3]!).toBeLessThanOrEqual(yuan(1_000));
      }
    }
  });
});
