import { customerBounds, lineEconomics, lineOutcome, optimisePortfolio, prepare, buildStepLp, solveStepLpWithHighs, generatePortfolio, currentTotalLimits, OptimiserInputError, type CustomerDecision, type CustomerInput, type OptimiserConfig, Rng } from '../src';
import { bruteForce } from './helpers/brute-force';
import { smallInstance } from './helpers/small-instance';

/** Σ EL of the decisions, unrounded, straight from the economics. */
function lossOf(decisions: readonly CustomerDecision[], customers: readonly CustomerInput[], config: OptimiserConfig): number {
  return decisions.reduce((sum, d, i) => {
    const c = customers[i]!;
    return sum + lineOutcome(lineEconomics(c, 'CASH_LOAN', config), d.cashLoan.limit).expectedLoss + lineOutcome(lineEconomics(c, 'PAY_LATER', config), d.payLater.limit).expectedLoss;
  }, 0);
}

describe('expected-loss cap on small instances, against enumeration', () => {
  let binding = 0;
  let belowFloor = 0;

  afterAll(() => {
    expect(binding).toBeGreaterThan(15);
    expect(belowFloor).toBeGreaterThan(3);
  });

  test.each(Array.from({ length: 360 }, (_, k) => 5_000 + k))('seed %i', (seed) => {
    const inst = smallInstance(seed, 60_000);
    const base = { customers: inst.customers, budget: inst.budget, segmentBudgets: inst.segmentBudgets, config: inst.configOverrides };
    const free = optimisePortfolio(base);
    if (free.status !== 'OPTIMAL') return;
    const freeLoss = lossOf(free.decisions, inst.customers, inst.config);
    const floorProbe = optimisePortfolio({ ...base, maxExpectedLoss: 0 });
    const floorLoss = floorProbe.expectedLossCap!.floor;
    const rng = new Rng(seed);
    const cap = Math.max(0, Math.round(floorLoss + rng.uniform(-0.15, 1.1) * (freeLoss - floorLoss)));

    const capped = optimisePortfolio({ ...base, maxExpectedLoss: cap });
    // a loss fits the cap when it rounds to at most the cap
    const brute = bruteForce(inst.customers, inst.config, inst.budget, inst.segmentBudgets, cap + 0.5 - 1e-9);
    if (brute === null) {
      belowFloor++;
      expect(capped.status).toBe('LOSS_CAP_BELOW_FLOOR');
      expect(capped.expectedLossCap!.shadowPrice).toBe(Infinity);
      capped.decisions.forEach((d, i) => {
        const b = customerBounds(inst.customers[i]!, inst.config);
        expect([d.cashLoan.limit, d.payLater.limit]).toEqual([b.cashLoan.lo, b.payLater.lo]);
      });
      return;
    }
    expect(capped.status).toBe('OPTIMAL');
    const loss = lossOf(capped.decisions, inst.customers, inst.config);
    expect(Math.round(loss)).toBeLessThanOrEqual(cap);
    // never better than the true optimum under the cap, and no further from it than the bound says
    expect(capped.after.objective).toBeLessThanOrEqual(brute.objective + 1e-6);
    expect(brute.objective - capped.after.objective).toBeLessThanOrEqual(capped.expectedLossCap!.gapBound + 1e-6);
    // exactly optimal for a cap equal to its own expected loss
    const atOwnLoss = bruteForce(inst.customers, inst.config, inst.budget, inst.segmentBudgets, loss + 1e-6)!;
    expect(capped.after.objective).toBeCloseTo(atOwnLoss.objective, 6);
    if (freeLoss >= cap + 0.5) {
      binding++;
      expect(capped.expectedLossCap!.shadowPrice).toBeGreaterThan(0);
    } else {
      expect(capped.after.objective).toBeCloseTo(free.after.objective, 6);
      expect(capped.expectedLossCap!.shadowPrice).toBe(0);
    }
  });
});

describe('expected-loss cap on a synthetic book', () => {
  const customers = generatePortfolio({ size: 20_000, seed: 21 });
  const budget = Math.round(currentTotalLimits(customers) * 1.05);
  const free = optimisePortfolio({ customers, budget });
  const cap = Math.round(free.after.expectedLoss * 0.97);
  const capped = optimisePortfolio({ customers, budget, maxExpectedLoss: cap });

  test('holds EL to the cap at a price, gives up some profit, and says which lines it stopped', () => {
    expect(capped.status).toBe('OPTIMAL');
    expect(capped.after.expectedLoss).toBeLessThanOrEqual(cap);
    expect(capped.after.objective).toBeLessThan(free.after.objective);
    expect(capped.expectedLossCap!.shadowPrice).toBeGreaterThan(0);
    expect(capped.expectedLossCap!.gapBound).toBeLessThan(1e-5 * capped.after.objective);
    expect(capped.reasonCounts.EXPECTED_LOSS_CAP).toBeGreaterThan(0);
    expect(free.reasonCounts.EXPECTED_LOSS_CAP).toBe(0);
    expect(free.expectedLossCap).toBeUndefined();
  });

  test('20,000 customers: objective within 0.1% of HiGHS on the step LP with the loss row', async () => {
    const { compiled } = prepare({ customers, budget });
    const lp = await solveStepLpWithHighs(buildStepLp(compiled, budget, {}, false, cap), 'csc');
    expect(lp.status).toBe('Optimal');
    const gap = (lp.objective - capped.after.objective) / Math.abs(lp.objective);
    // the LP relaxes both the grid and the cap's integrality, so it bounds ours from above
    expect(gap).toBeGreaterThanOrEqual(-1e-9);
    expect(gap).toBeLessThan(0.001);
  }, 120_000);

  test('a cap below the floors is reported with the floors, not solved past', () => {
    const below = optimisePortfolio({ customers, budget, maxExpectedLoss: 0 });
    expect(below.status).toBe('LOSS_CAP_BELOW_FLOOR');
    expect(below.expectedLossCap!.floor).toBeGreaterThan(0);
    expect(below.after.linesUp).toBe(0);
  });

  test('a cap that is not whole non-negative fen is bad input', () => {
    for (const bad of [-1, 1.5, Number.NaN]) expect(() => optimisePortfolio({ customers: customers.slice(0, 10), budget, maxExpectedLoss: bad })).toThrow(OptimiserInputError);
  });
});
