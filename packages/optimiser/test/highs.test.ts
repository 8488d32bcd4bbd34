import {
  buildStepLp,
  currentTotalLimits,
  evaluateLimits,
  generatePortfolio,
  prepare,
  solveCompiled,
  solveStepLpWithHighs,
  toCplexLp,
} from '../src';

function instance(size: number, seed: number, budgetShare: number, segmentBy?: 'tier') {
  const customers = generatePortfolio({ size, seed, ...(segmentBy ? { segmentBy } : {}) });
  const budget = Math.round(currentTotalLimits(customers) * budgetShare);
  const { compiled } = prepare({ customers, budget });
  return { customers, budget, compiled };
}

describe('HiGHS on the same piecewise-linear problem', () => {
  test('20,000 customers: objective within 0.1% of the LP (in fact within a fraction of one step)', async () => {
    const { compiled, budget } = instance(20_000, 11, 0.9);
    const ours = solveCompiled(compiled, budget);
    expect(ours.stepPrice).toBeGreaterThan(0);
    const objective = evaluateLimits(compiled, ours.limits).objective;
    const lp = await solveStepLpWithHighs(buildStepLp(compiled, budget), 'csc');
    expect(lp.status).toBe('Optimal');
    const gap = (lp.objective - objective) / Math.abs(lp.objective);
    // The LP may grant a fraction of one more step, so it can only be at or above the grid optimum.
    expect(gap).toBeGreaterThanOrEqual(-1e-9);
    expect(gap).toBeLessThan(0.001);
    expect(gap).toBeLessThan(1e-6);
  }, 120_000);

  test('with the budget in whole steps the LP optimum is integral and equals ours (with segment budgets)', async () => {
    const { compiled, budget } = instance(2_000, 12, 0.92, 'tier');
    const segmentBudgets: Record<string, number> = {};
    compiled.segmentNames.forEach((name, s) => {
      let floor = 0;
      for (let i = 0; i < compiled.size; i++) if (compiled.segmentOf[i] === s) floor += (compiled.lo[2 * i] as number) + (compiled.lo[2 * i + 1] as number);
      segmentBudgets[name] = Math.round(floor * 1.03) + 7;
    });
    const ours = solveCompiled(compiled, budget, segmentBudgets);
    expect(Object.values(ours.segmentStepPrices).filter((p) => p > 0).length).toBeGreaterThan(0);
    const objective = evaluateLimits(compiled, ours.limits).objective;
    const lp = await solveStepLpWithHighs(buildStepLp(compiled, budget, segmentBudgets, true), 'csc');
    expect(lp.status).toBe('Optimal');
    expect(Math.abs(lp.objective - objective) / Math.abs(objective)).toBeLessThan(1e-9);
  }, 60_000);

  test('CPLEX LP text through highs.solve() and CSC arrays give the same optimum', async () => {
    const { compiled, budget } = instance(200, 13, 0.9);
    const lp = buildStepLp(compiled, budget);
    const text = toCplexLp(lp);
    expect(text).toMatch(/^\\.*\nMaximize\n obj:/);
    expect(text).toContain('\nSubject To\n');
    expect(text).toContain('\n budget:\n');
    const [fromText, fromArrays] = await Promise.all([solveStepLpWithHighs(lp, 'lp-text'), solveStepLpWithHighs(lp, 'csc')]);
    expect(fromText.status).toBe('Optimal');
    expect(fromText.objective).toBeCloseTo(fromArrays.objective, 3);
    const ours = evaluateLimits(compiled, solveCompiled(compiled, budget).limits).objective;
    expect(fromText.objective).toBeGreaterThanOrEqual(ours - 1e-6);
  }, 60_000);
});
