import { PRODUCTS, type Minor } from '@jc/domain';
import { compileEach, reasonAt, type CompiledPortfolio } from './compile';
import { resolveConfig, type DeepPartial, type OptimiserConfig } from './config';
import { emptyOutcome, type LineOutcome } from './economics';
import { OptimiserInputError } from './errors';
import { toMinor, totalCurrentExposure, TotalsAccumulator } from './evaluate';
import { solveUnderLossCap, type LossCapOutcome } from './loss-cap';
import { jointLimitAfter } from './joint-limit';
import { lineReason } from './reasons';
import { solveCompiled, type CompiledSolution, type SolverOptions } from './solve-compiled';
import { LIMIT_REASONS, type CustomerDecision, type CustomerInput, type LimitReason, type LineDecision, type OptimisationResult, type OptimisationStatus, type ProgressCallback } from './types';
import { assertAmount, customerCheck, validateBudget, validateConfig, validateSegmentBudgets } from './validate';

export interface OptimiseInput {
  customers: readonly CustomerInput[];
  /** Portfolio exposure budget: the most Σ joint limits (sub-limits less their overlap) may reach. */
  budget: Minor;
  /** Optional budgets for customers grouped by `CustomerInput.segment`, inside the portfolio budget. */
  segmentBudgets?: Record<string, Minor>;
  /** Optional cap on Σ expected annual loss of every line (README, "Expected-loss cap"). */
  maxExpectedLoss?: Minor;
  config?: DeepPartial<OptimiserConfig>;
  onProgress?: ProgressCallback;
  solver?: SolverOptions;
}

type Prepared = { config: OptimiserConfig; compiled: CompiledPortfolio };

/** Resolves and validates everything, throwing `OptimiserInputError` on the first bad field. */
export function prepare(input: OptimiseInput): Prepared {
  const config = validSettings(input);
  if (!Array.isArray(input.customers)) throw new OptimiserInputError('customers', 'must be an array');
  return { config, compiled: compileChecked(input.customers.length, (i) => input.customers[i] as CustomerInput, config, input.onProgress) };
}

/**
 * As `prepare`, with customer i made by `customerAt(i)` just before it is checked and compiled: a
 * caller making a million customers need not hold them all at once, as objects the garbage
 * collector would copy and promote only to drop once they are compiled. Ids out of order make it
 * ask again for the customers before (see `customerCheck`).
 */
export function prepareEach(size: number, customerAt: (i: number) => CustomerInput, input: Omit<OptimiseInput, 'customers'>): Prepared {
  const config = validSettings(input);
  return { config, compiled: compileChecked(size, customerAt, config, input.onProgress) };
}

/** The resolved configuration, once it, the budget and the segment budgets are valid. */
function validSettings(input: Omit<OptimiseInput, 'customers'>): OptimiserConfig {
  if (!input || typeof input !== 'object') throw new TypeError('input must be an object');
  const config = resolveConfig(input.config);
  validateConfig(config);
  validateBudget(input.budget);
  validateSegmentBudgets(input.segmentBudgets);
  return config;
}

function compileChecked(size: number, customerAt: (i: number) => CustomerInput, config: OptimiserConfig, onProgress?: ProgressCallback): CompiledPortfolio {
  const check = customerCheck(config, (k) => customerAt(k).id);
  const checked = (i: number): CustomerInput => {
    const customer = customerAt(i);
    check(customer, i);
    return customer;
  };
  return compileEach(size, checked, config, onProgress);
}

type SolveInput = Omit<OptimiseInput, 'customers' | 'config'>;

function solvePrepared(compiled: CompiledPortfolio, input: SolveInput): CompiledSolution {
  validateBudget(input.budget);
  validateSegmentBudgets(input.segmentBudgets);
  if (input.maxExpectedLoss === undefined) return solveCompiled(compiled, input.budget, input.segmentBudgets, input.onProgress, input.solver);
  assertAmount(input.maxExpectedLoss, 'maxExpectedLoss');
  return solveUnderLossCap(compiled, input.budget, input.maxExpectedLoss, input.segmentBudgets, input.onProgress, input.solver);
}

export function optimisePortfolio(input: OptimiseInput): OptimisationResult {
  const started = performance.now();
  const compiled = prepare(input).compiled;
  const result = report(compiled, solvePrepared(compiled, input), input.budget, started);
  input.onProgress?.({ phase: 'report', done: 1 });
  return result;
}

/**
 * The optimum's limits (index 2i + product) with each line's reason worked out only when asked:
 * for callers that keep a few of a million lines and need no decision object or totals per line.
 */
export function optimiseLimits(
  compiled: CompiledPortfolio,
  input: SolveInput,
): { status: OptimisationStatus; limits: Float64Array; reasonOf: (j: number) => LimitReason; expectedLossCap?: LossCapOutcome } {
  const s = solvePrepared(compiled, input);
  return { status: s.status, limits: s.limits, reasonOf: (j) => reasonAt(lineReason(compiled, j, s.taken, s.customerStepPrice[j >> 1] as number, s.chains)), expectedLossCap: s.lossCap };
}

/** One line's decision; its outcomes at today's limit and at the new one feed the "before" and "after" totals. */
function lineDecision(c: CompiledPortfolio, s: CompiledSolution, j: number, price: number, sums: ReportSums): LineDecision {
  const current = c.current[j] as number;
  const limit = s.limits[j] as number;
  let o = c.lines.outcome(j, current, sums.scratch);
  sums.before.add(o, current, current);
  // most lines do not move: their outcome is already in hand
  if (limit !== current) o = c.lines.outcome(j, limit, sums.scratch);
  sums.after.add(o, limit, current);
  const reason = reasonAt(lineReason(c, j, s.taken, price, s.chains));
  sums.reasonCounts[reason]++;
  return {
    product: PRODUCTS[j & 1]!,
    current,
    limit,
    change: limit - current,
    reason,
    expectedBalance: toMinor(o.balance),
    expectedProfit: toMinor(o.profit),
    expectedLoss: toMinor(o.expectedLoss),
  };
}

interface ReportSums {
  before: TotalsAccumulator;
  after: TotalsAccumulator;
  reasonCounts: Record<LimitReason, number>;
  scratch: LineOutcome;
}

/** Decisions and both totals in one pass over the lines. */
function report(c: CompiledPortfolio, s: CompiledSolution, budget: Minor, started: number): OptimisationResult {
  const reasonCounts = Object.fromEntries(LIMIT_REASONS.map((r) => [r, 0])) as Record<LimitReason, number>;
  const sums: ReportSums = { before: new TotalsAccumulator(), after: new TotalsAccumulator(), reasonCounts, scratch: emptyOutcome() };
  const decisions: CustomerDecision[] = new Array(c.size);
  let afterExposure = 0;
  for (let i = 0; i < c.size; i++) {
    const price = s.customerStepPrice[i] as number;
    const cashLoan = lineDecision(c, s, 2 * i, price, sums);
    const payLater = lineDecision(c, s, 2 * i + 1, price, sums);
    const sum = cashLoan.limit + payLater.limit;
    const jointLimit = jointLimitAfter(c.currentJoint[i] as number, cashLoan.current + payLater.current, sum);
    decisions[i] = {
      customerId: c.ids[i]!,
      cashLoan,
      payLater,
      jointLimit,
      exposureBefore: c.currentExposure[i] as number,
      exposureAfter: Math.min(jointLimit, sum),
    };
    afterExposure += decisions[i]!.exposureAfter;
  }
  const segmentShadowPrices = Object.fromEntries(Object.entries(s.segmentStepPrices).map(([k, v]) => [k, v / c.step]));
  return {
    status: s.status,
    decisions,
    before: sums.before.totals(totalCurrentExposure(c)),
    after: sums.after.totals(afterExposure),
    budget,
    floorExposure: c.floorExposure,
    shadowPrice: s.stepPrice / c.step,
    segmentShadowPrices,
    reasonCounts,
    ...(s.lossCap ? { expectedLossCap: s.lossCap } : {}),
    bisectionIterations: s.iterations,
    elapsedMs: performance.now() - started,
  };
}
