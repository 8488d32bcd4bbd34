import { currentTotalLimits, generatePortfolio, optimiseLimits, optimisePortfolio, prepare, runRuleBaseline, type OptimiserProgress } from '../src';

const customers = generatePortfolio({ size: 20_000, seed: 21 });
const current = currentTotalLimits(customers);

describe('optimisePortfolio on a 20,000-customer portfolio', () => {
  const progress: OptimiserProgress[] = [];
  const budget = Math.round(current * 0.9);
  const result = optimisePortfolio({ customers, budget, onProgress: (p) => progress.push(p) });

  test('uses the budget fully when it binds, without exceeding it', () => {
    expect(result.status).toBe('OPTIMAL');
    expect(result.shadowPrice).toBeGreaterThan(0);
    expect(result.after.exposure).toBeLessThanOrEqual(budget);
    expect(budget - result.after.exposure).toBeLessThan(100 * 100);
  });

  test('the limits-only path gives the same limits and reasons as the full decisions', () => {
    const { limits, reasonOf } = optimiseLimits(prepare({ customers, budget }).compiled, { budget });
    const lines = result.decisions.flatMap((d) => [d.cashLoan, d.payLater]);
    expect(lines.map((_l, j) => `${limits[j]} ${reasonOf(j)}`)).toEqual(lines.map((l) => `${l.limit} ${l.reason}`));
  });

  test('decisions are consistent with the totals', () => {
    expect(result.decisions).toHaveLength(customers.length);
    let exposure = 0;
    let up = 0;
    let down = 0;
    let profit = 0;
    let inconsistent = 0;
    result.decisions.forEach((d, i) => {
      if (d.customerId !== customers[i]!.id || d.jointLimit !== d.cashLoan.limit + d.payLater.limit) inconsistent++;
      for (const line of [d.cashLoan, d.payLater]) {
        if (line.change !== line.limit - line.current) inconsistent++;
        if (line.change > 0) up++;
        if (line.change < 0) down++;
        profit += line.expectedProfit;
      }
      exposure += d.exposureAfter;
    });
    expect(inconsistent).toBe(0);
    expect(exposure).toBe(result.after.exposure);
    expect(up).toBe(result.after.linesUp);
    expect(down).toBe(result.after.linesDown);
    expect(Math.abs(profit - result.after.expectedProfit)).toBeLessThanOrEqual(2 * customers.length);
    expect(Object.values(result.reasonCounts).reduce((a, b) => a + b, 0)).toBe(2 * customers.length);
    expect(result.reasonCounts.BUDGET_BOUND).toBeGreaterThan(0);
  });

  test('beats the rule baseline on the same budget', () => {
    const rule = runRuleBaseline({ customers, budget });
    expect(rule.after.exposure).toBeLessThanOrEqual(budget);
    expect(result.after.objective).toBeGreaterThan(rule.after.objective);
  });

  test('reports progress through every phase', () => {
    const phases = new Set(progress.map((p) => p.phase));
    for (const phase of ['compile', 'bisect', 'fill', 'report']) expect(phases).toContain(phase);
    for (const p of progress) {
      expect(p.done).toBeGreaterThanOrEqual(0);
      expect(p.done).toBeLessThanOrEqual(1);
    }
  });

  test('is deterministic', () => {
    const again = optimisePortfolio({ customers, budget });
    expect(again.after).toEqual(result.after);
    expect(JSON.stringify(again.decisions)).toBe(JSON.stringify(result.decisions));
  });
});

describe('budget regimes', () => {
  const small = customers.slice(0, 2_000);
  const total = currentTotalLimits(small);

  test('a slack budget has a zero shadow price and no BUDGET_BOUND line', () => {
    const r = optimisePortfolio({ customers: small, budget: total * 10 });
    expect(r.shadowPrice).toBe(0);
    expect(r.reasonCounts.BUDGET_BOUND).toBe(0);
  });

  test('a budget below the floors leaves every line at its floor and says so', () => {
    const r = optimisePortfolio({ customers: small, budget: 0 });
    expect(r.status).toBe('BUDGET_BELOW_FLOOR');
    expect(r.after.exposure).toBe(r.floorExposure);
    expect(r.shadowPrice).toBe(Infinity);
  });

  test('more budget never lowers expected profit', () => {
    let prev = -Infinity;
    for (const share of [0.8, 0.85, 0.9, 0.95, 1]) {
      const r = optimisePortfolio({ customers: small, budget: Math.round(total * share) });
      if (r.status !== 'OPTIMAL') continue;
      expect(r.after.objective).toBeGreaterThanOrEqual(prev - 1e-6);
      prev = r.after.objective;
    }
  });

  test('segment budgets are respected alongside the portfolio budget', () => {
    const segmented = generatePortfolio({ size: 2_000, seed: 5, segmentBy: 'stage' });
    const floor = optimisePortfolio({ customers: segmented, budget: 0 });
    const activeFloor = floor.decisions.filter((_, i) => segmented[i]!.segment === 'ACTIVE').reduce((a, d) => a + d.exposureAfter, 0);
    const segmentBudgets = { ACTIVE: activeFloor + 500_000 };
    const r = optimisePortfolio({ customers: segmented, budget: currentTotalLimits(segmented), segmentBudgets });
    const active = r.decisions.filter((_, i) => segmented[i]!.segment === 'ACTIVE').reduce((a, d) => a + d.exposureAfter, 0);
    expect(active).toBeLessThanOrEqual(segmentBudgets.ACTIVE);
    expect(r.segmentShadowPrices.ACTIVE).toBeGreaterThan(0);
  });
});
