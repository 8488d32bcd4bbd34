import type { Minor, Product } from '@jc/domain';
import { evaluateLimits, fitTargetsToBudget, floorExposureOf, jointLimitAfter, LIMIT_REASONS, optimiseLimits, prepareEach, type CompiledPortfolio, type CustomerInput, type DeepPartial, type LimitReason, type OptimiserConfig, type ProgressCallback } from '@jc/optimiser';
import { customerInput, exposureOf, isReallocated, matchesFilter, optimiserConfigFor, policyTargets, policyTargetsOnly, type AllocationFilter, type AllocationLine } from './allocation-portfolio';
import { segmentKeyOf, tallyPlan, type AllocationTotals, type SegmentDimension, type SegmentResult } from './allocation-totals';
import type { PolicyDocument } from './policy';

export type AllocationMethod = 'OPTIMISER' | 'POLICY';

export interface Limits {
  jointLimit: Minor;
  cashLoanLimit: Minor;
  payLaterLimit: Minor;
}

/** A line the simulation would change: its limits when simulated, the proposal, and why. */
export interface LineProposal {
  customerId: string;
  before: Limits;
  after: Limits;
  reasonCodes: string[];
  /** The risk snapshot the proposal was decided on; applying skips the line once a newer one arrives (null: stored before this was recorded). */
  snapshotAsOf: Date | null;
}

export interface PlanInput {
  lines: readonly AllocationLine[];
  filter?: AllocationFilter | null;
  method: AllocationMethod;
  budget: Minor;
  /** The current policy: the champion, and the source of the hard rules both sides are held to. */
  champion: PolicyDocument;
  /** The policy version tried with POLICY. */
  challenger?: PolicyDocument;
  /** Overrides of the optimiser's economics (validated; bad values throw OptimiserInputError). */
  settings?: DeepPartial<OptimiserConfig>;
  /** With OPTIMISER: budgets for segments of one dimension, inside the portfolio budget. */
  segmentBudgets?: SegmentBudgets | null;
  /** With OPTIMISER: the most expected annual loss the re-allocated lines may carry. */
  maxExpectedLoss?: Minor | null;
  /** With OPTIMISER: no more expected loss than the champion's on the same lines (with maxExpectedLoss, the lower). */
  expectedLossAtMostChampion?: boolean | null;
  onProgress?: ProgressCallback;
}

/** Exposure budgets for some segments of one dimension; like the portfolio's, each covers the segment's kept lines too. */
export interface SegmentBudgets {
  dimension: SegmentDimension;
  budgets: { key: string; budget: Minor }[];
}

/** The expected-loss cap an optimiser simulation was held to, and what holding it cost. */
export interface ExpectedLossCap {
  max: Minor;
  /** EL of the re-allocated lines on their floors: the lowest cap that can be met. */
  floor: Minor;
  /** Annual profit given up per unit of expected loss avoided at the optimum; 0 when the cap is slack. */
  shadowPrice: number;
}

export interface AllocationPlan {
  challenger: AllocationTotals;
  champion: AllocationTotals;
  segments: SegmentResult[];
  /** Only the lines whose limits change. */
  proposals: LineProposal[];
  minimumBudget: Minor;
  expectedLossCap: ExpectedLossCap | null;
}

/** The hard floors (drawn, change per review, policy minima) of the filtered lines exceed the budget. */
export class BudgetBelowFloorError extends Error {
  constructor(
    readonly budget: Minor,
    readonly minimumBudget: Minor,
  ) {
    super(`budget ${budget} is below the minimum feasible budget ${minimumBudget}`);
  }
}

/** A segment's hard floors (with its kept lines' exposure) exceed its budget. */
export class SegmentBudgetBelowFloorError extends Error {
  constructor(
    readonly key: string,
    readonly budget: Minor,
    readonly minimumBudget: Minor,
  ) {
    super(`segment ${key}: budget ${budget} is below its minimum feasible budget ${minimumBudget}`);
  }
}

/** The floors of the re-allocated lines alone carry more expected loss than the cap. */
export class LossCapBelowFloorError extends Error {
  constructor(
    readonly maxExpectedLoss: Minor,
    readonly minimumExpectedLoss: Minor,
  ) {
    super(`expected-loss cap ${maxExpectedLoss} is below the minimum ${minimumExpectedLoss}`);
  }
}

const TRIMMED = 'PORTFOLIO_BUDGET_TRIMMED';
/** The optimiser's reason for each product's line, as a proposal's code: made once, not a new string per proposal. */
const codesFor = (product: Product) => Object.fromEntries(LIMIT_REASONS.map((r) => [r, `${product}_${r}`])) as Record<LimitReason, string>;
const CASH_LOAN_CODES = codesFor('CASH_LOAN');
const PAY_LATER_CODES = codesFor('PAY_LATER');
/** The policy's own code for a decrease that no stage or tier rule explains. */
const REASSESSED = 'RISK_REASSESSED_LOWER';

/**
 * Re-allocates the filtered portfolio under one exposure budget, and puts the champion (the current
 * policy, fitted pro rata to the same budget) beside it. The budget covers every filtered line:
 * those kept as they are (not ACTIVE, or without a snapshot) use their current exposure of it.
 * Both sides are held to the same hard rules, so the comparison is of allocation, not of rules.
 */
export function planAllocation(input: PlanInput): AllocationPlan {
  const { moving, kept } = partition(input.lines, input.filter);
  const keptExposure = kept.reduce((sum, l) => sum + exposureOf(l), 0);
  const compiled = compileMoving(input, moving, Math.max(0, input.budget - keptExposure));
  const minimumBudget = compiled.floorExposure + keptExposure;
  if (input.budget < minimumBudget) throw new BudgetBelowFloorError(input.budget, minimumBudget);
  const budget = input.budget - keptExposure;

  const championLimits = fitTargetsToBudget(compiled, policyTargetsOnly(moving, input.champion), budget);
  let limits: Float64Array;
  let reasonsOf: (i: number) => string[];
  let expectedLossCap: ExpectedLossCap | null = null;
  if (input.method === 'OPTIMISER') {
    const maxExpectedLoss = lossCapOf(input, compiled, championLimits);
    const segmentBudgets = input.segmentBudgets ? optimiserSegmentBudgets(input.segmentBudgets, moving, kept, compiled) : undefined;
    const result = optimiseLimits(compiled, {
      budget,
      onProgress: input.onProgress,
      ...(segmentBudgets ? { segmentBudgets } : {}),
      ...(maxExpectedLoss === undefined ? {} : { maxExpectedLoss }),
    });
    if (result.expectedLossCap) {
      const { max, floor, shadowPrice } = result.expectedLossCap;
      if (result.status === 'LOSS_CAP_BELOW_FLOOR') throw new LossCapBelowFloorError(max, floor);
      expectedLossCap = { max, floor, shadowPrice };
    }
    limits = result.limits;
    reasonsOf = (i) => [CASH_LOAN_CODES[result.reasonOf(2 * i)], PAY_LATER_CODES[result.reasonOf(2 * i + 1)]];
  } else {
    const tried = policyTargets(moving, input.challenger ?? input.champion);
    limits = fitTargetsToBudget(compiled, tried.targets, budget);
    reasonsOf = (i) => {
      const trimmed = [0, 1].some((p) => {
        const j = 2 * i + p;
        const top = (compiled.lo[j] as number) + (compiled.steps[j] as number) * compiled.step;
        return (limits[j] as number) < Math.min(tried.targets[j] as number, top);
      });
      return trimmed ? [...tried.reasons[i]!, TRIMMED] : tried.reasons[i]!;
    };
  }

  const proposals = proposalsOf(moving, limits, reasonsOf);
  const totals = tallyPlan({ compiled, moving, kept, limits }, { compiled, moving, kept, limits: championLimits });
  return { ...totals, segments: withBudgets(totals.segments, input.segmentBudgets), proposals, minimumBudget, expectedLossCap };
}

/**
 * A proposal for each line whose limits change. `reasonsOf` gives no code twice: the optimiser's
 * name each product once, and the policy's are its decision's (each given once) and TRIMMED.
 */
function proposalsOf(moving: readonly AllocationLine[], limits: Float64Array, reasonsOf: (i: number) => string[]): LineProposal[] {
  const proposals: LineProposal[] = [];
  moving.forEach((l, i) => {
    const cashLoanLimit = limits[2 * i] as number;
    const payLaterLimit = limits[2 * i + 1] as number;
    const jointLimit = jointLimitAfter(l.jointLimit, l.cashLoanLimit + l.payLaterLimit, cashLoanLimit + payLaterLimit);
    if (jointLimit === l.jointLimit && cashLoanLimit === l.cashLoanLimit && payLaterLimit === l.payLaterLimit) return;
    const lowered = jointLimit < l.jointLimit || cashLoanLimit < l.cashLoanLimit || payLaterLimit < l.payLaterLimit;
    const reasons = reasonsOf(i);
    proposals.push({
      customerId: l.customerId,
      before: { jointLimit: l.jointLimit, cashLoanLimit: l.cashLoanLimit, payLaterLimit: l.payLaterLimit },
      after: { jointLimit, cashLoanLimit, payLaterLimit },
      // a decrease is an adverse action and always says why
      reasonCodes: lowered && reasons.length === 0 ? [REASSESSED] : reasons,
      snapshotAsOf: l.snapshot!.asOf,
    });
  });
  return proposals;
}

/** The lines in scope (every line without a filter), split into those re-allocated and those kept as they are. */
function partition(lines: readonly AllocationLine[], filter: AllocationFilter | null | undefined): { moving: AllocationLine[]; kept: AllocationLine[] } {
  const moving: AllocationLine[] = [];
  const kept: AllocationLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (matchesFilter(l, filter)) (isReallocated(l) ? moving : kept).push(l);
  }
  return { moving, kept };
}

/** The re-allocated lines as the optimiser sees them, validated and compiled, each line's input made only as it is compiled. */
function compileMoving(input: PlanInput, moving: readonly AllocationLine[], budget: Minor): CompiledPortfolio {
  const config = optimiserConfigFor(input.champion, input.settings);
  const keyOf = input.segmentBudgets ? segmentKeyOf(input.segmentBudgets.dimension) : null;
  const customerAt = (i: number): CustomerInput => {
    const l = moving[i]!;
    const customer = customerInput(l, input.champion);
    return keyOf ? { ...customer, segment: keyOf(l) } : customer;
  };
  return prepareEach(moving.length, customerAt, { budget, config, onProgress: input.onProgress }).compiled;
}

/**
 * The optimiser's share of each segment budget: what the segment's kept lines do not already use.
 * A budget below the segment's floors (its re-allocated lines' hard floors plus its kept lines) is refused.
 */
function optimiserSegmentBudgets(
  s: SegmentBudgets,
  moving: readonly AllocationLine[],
  kept: readonly AllocationLine[],
  compiled: CompiledPortfolio,
): Record<string, Minor> {
  const keyOf = segmentKeyOf(s.dimension);
  const keptBy = new Map<string, number>();
  for (const l of kept) keptBy.set(keyOf(l), (keptBy.get(keyOf(l)) ?? 0) + exposureOf(l));
  const floorBy = new Map<string, number>();
  moving.forEach((l, i) => floorBy.set(keyOf(l), (floorBy.get(keyOf(l)) ?? 0) + floorExposureOf(compiled, i)));
  const out: Record<string, Minor> = {};
  for (const { key, budget } of s.budgets) {
    const keptExposure = keptBy.get(key) ?? 0;
    const minimum = (floorBy.get(key) ?? 0) + keptExposure;
    if (budget < minimum) throw new SegmentBudgetBelowFloorError(key, budget, minimum);
    out[key] = budget - keptExposure;
  }
  return out;
}

function withBudgets(segments: SegmentResult[], s: SegmentBudgets | null | undefined): SegmentResult[] {
  if (!s) return segments;
  const budgetOf = new Map(s.budgets.map((b) => [b.key, b.budget]));
  return segments.map((r) => (r.dimension === s.dimension && budgetOf.has(r.key) ? { ...r, budget: budgetOf.get(r.key)! } : r));
}

/** The lower of the cap given and, when asked for, the champion's own expected loss on these lines. */
function lossCapOf(input: PlanInput, compiled: CompiledPortfolio, championLimits: Float64Array): Minor | undefined {
  const caps: Minor[] = [];
  if (input.maxExpectedLoss != null) caps.push(input.maxExpectedLoss);
  if (input.expectedLossAtMostChampion) caps.push(evaluateLimits(compiled, championLimits).expectedLoss);
  return caps.length === 0 ? undefined : Math.min(...caps);
}
