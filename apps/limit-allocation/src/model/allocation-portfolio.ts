import { CUSTOMER_TIERS, floorToStep, type CustomerTier, type LifecycleStage, type LineStatus, type Minor } from '@jc/domain';
import { overlapOf, type CustomerInput, type DeepPartial, type OptimiserConfig } from '@jc/optimiser';
import { decide, policyStage, type PolicyDocument, type RiskSnapshotRecord } from './policy';

/** A line as the allocation reads it: its limits, what is drawn or held, and its latest risk snapshot. */
export interface AllocationLine {
  customerId: string;
  status: LineStatus;
  tier: CustomerTier;
  jointLimit: Minor;
  cashLoanLimit: Minor;
  payLaterLimit: Minor;
  /** Used + held, the floor of any decrease. */
  cashLoanDrawn: Minor;
  payLaterDrawn: Minor;
  cashLoanApr: number;
  payLaterApr: number;
  cashLoanDrawsFrozen: boolean;
  /** A temporary uplift is active: part of what is drawn may be the overlay's, not the base's. */
  underUplift: boolean;
  snapshot: RiskSnapshotRecord | null;
}

export interface AllocationFilter {
  stages?: readonly LifecycleStage[] | null;
  tiers?: readonly CustomerTier[] | null;
  regions?: readonly string[] | null;
}

export const UNKNOWN_SEGMENT = 'UNKNOWN';

/** Segment keys: the line's recorded tier; stage and region from the snapshot (UNKNOWN without one). */
export const stageOf = (l: AllocationLine): string => l.snapshot?.lifecycleStage ?? UNKNOWN_SEGMENT;
export const regionOf = (l: AllocationLine): string => l.snapshot?.region ?? UNKNOWN_SEGMENT;

/** An empty or absent list does not filter. */
const admits = (list: readonly string[] | null | undefined, value: string) => !list || list.length === 0 || list.includes(value);

export function matchesFilter(l: AllocationLine, f: AllocationFilter | null | undefined): boolean {
  if (!f) return true;
  return admits(f.tiers, l.tier) && admits(f.stages, stageOf(l)) && admits(f.regions, regionOf(l));
}

/**
 * Only ACTIVE lines with a snapshot and no active uplift are re-allocated; the rest keep their
 * limits. Under an uplift the optimiser's floor (what is drawn) may include what the overlay lends,
 * and a base raised to it would outlive the overlay; such lines wait for their next review.
 */
export const isReallocated = (l: AllocationLine): boolean => l.status === 'ACTIVE' && l.snapshot !== null && !l.underUplift;

/** What a line commits today: the joint limit, unless the sub-limits add up to less. */
export const exposureOf = (l: Pick<AllocationLine, 'jointLimit' | 'cashLoanLimit' | 'payLaterLimit'>): Minor =>
  Math.min(l.jointLimit, l.cashLoanLimit + l.payLaterLimit);

/**
 * The optimiser's hard rules from the current policy document: its grid, the person cap and each
 * tier's joint cap. The stage rules (what may rise or fall in which lifecycle stage) are the
 * optimiser's lifecycle defaults; the tier's change per review is carried per customer.
 */
export function optimiserConfigFor(doc: PolicyDocument, settings: DeepPartial<OptimiserConfig> = {}): DeepPartial<OptimiserConfig> {
  const tierJointMax = Object.fromEntries(CUSTOMER_TIERS.map((t) => [t, Math.min(doc.tierRules[t].jointCap, doc.personCap)])) as Record<CustomerTier, Minor>;
  return { ...settings, step: doc.step, regulatoryCap: doc.personCap, tierJointMax: { ...tierJointMax, ...settings.tierJointMax } };
}

/**
 * The optimiser's view of a re-allocated line under the current policy document. A HIGH_RISK line
 * already reduced (cash draws frozen) is held as the policy holds it: its cut was made once, on
 * entering HIGH_RISK, and a review does not cut it again.
 */
export function customerInput(l: AllocationLine, doc: PolicyDocument): CustomerInput {
  const s = l.snapshot!;
  const { tier, stage } = policyStage(doc, s);
  const held = stage === 'HIGH_RISK' && l.cashLoanDrawsFrozen && l.tier === 'HIGH_RISK';
  return {
    id: l.customerId,
    pd: s.pd,
    stage,
    tier,
    grade: s.grade,
    annualIncome: s.declaredIncome,
    maxChangeFraction: held ? 0 : doc.tierRules[tier].maxChangePerReview,
    currentJointLimit: l.jointLimit,
    cashLoan: { current: l.cashLoanLimit, drawn: l.cashLoanDrawn, apr: l.cashLoanApr },
    payLater: { current: l.payLaterLimit, drawn: l.payLaterDrawn },
  };
}

export interface PolicyTargets {
  /** Sub-limits indexed 2i + product, as the optimiser's compiled chains are. */
  targets: Float64Array;
  reasons: string[][];
}

/**
 * What a policy version would grant each line, in the optimiser's terms: the policy decides a joint
 * limit and two sub-limits that may add up to more. The optimiser holds the line's overlap of today
 * (its joint limit moves with the sub-limits' sum), so when the policy's sub-limits less that overlap
 * exceed its joint limit, both are scaled down pro rata until the joint limit is the policy's.
 */
export function policyTargets(lines: readonly AllocationLine[], doc: PolicyDocument): PolicyTargets {
  const targets = new Float64Array(2 * lines.length);
  const reasons = lines.map((l, i) => decideTargets(doc, l, targets, i));
  return { targets, reasons };
}

/** `policyTargets` without the reasons, for a side whose reasons no one reads: held for a million lines, they only burden the garbage collector. */
export function policyTargetsOnly(lines: readonly AllocationLine[], doc: PolicyDocument): Float64Array {
  const targets = new Float64Array(2 * lines.length);
  lines.forEach((l, i) => decideTargets(doc, l, targets, i));
  return targets;
}

/** Writes line i's two targets into `targets`, and returns the reasons of the policy's decision. */
function decideTargets(doc: PolicyDocument, l: AllocationLine, targets: Float64Array, i: number): string[] {
  const d = decide(doc, l.snapshot!, l);
  const sum = d.after.cashLoanLimit + d.after.payLaterLimit;
  const reach = d.after.jointLimit + overlapOf(l.jointLimit, l.cashLoanLimit + l.payLaterLimit);
  const share = sum > reach && sum > 0 ? reach / sum : 1;
  targets[2 * i] = floorToStep(Math.round(d.after.cashLoanLimit * share), doc.step);
  targets[2 * i + 1] = floorToStep(Math.round(d.after.payLaterLimit * share), doc.step);
  return d.reasons;
}
