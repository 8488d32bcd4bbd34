import { CUSTOMER_TIERS, floorToStep, isCustomerId, isMinor, RISK_GRADES, yuan, type CustomerTier, type LifecycleStage, type Minor, type RiskGrade } from '@jc/domain';
import { NO_OVERLAYS, notBelowDrawn, type Overlays } from './drawn-floor';

/**
 * A limit policy is data, not code: a versioned document the decision function reads. Publishing a
 * new version never changes the old one, so every decision can name the rules it followed.
 */
export interface PolicyDocument {
  /** Regulatory ceilings; a document cannot loosen them past the platform's hard rules. */
  personCap: Minor;
  aprCap: number;
  /** Limits are granted in whole steps. */
  step: Minor;
  /**
   * Each tier is entered by score, by grade, or by either. A score cut-off presumes a model on the
   * standard scale (600 = 50:1); a grade follows the cut-offs scoring sets for each model version
   * and region, so a grade-tiered policy keeps its meaning when the champion changes. A null
   * score cut-off (or a missing grade list) is not used.
   */
  tiers: {
    /** HIGH_RISK when overdue, at or below `maxScore`, or in one of `grades`. */
    highRisk: { maxScore: number | null; grades: RiskGrade[] };
    /** MEDIUM_RISK (when not HIGH_RISK) at or below `maxScore`, or in one of `grades`. */
    mediumRisk: { maxScore: number | null; grades?: RiskGrade[] };
    /** HIGH_VALUE from `minScore`, or in one of `grades`, with a yearly behaviour value of at least this share of income. */
    highValue: { minScore: number | null; grades?: RiskGrade[]; minValueShareOfIncome: number };
  };
  /** Per tier: share of declared income granted as joint limit, its cap, APR per product, max change per review. */
  tierRules: Record<CustomerTier, { incomeShare: number; jointCap: Minor; cashLoanApr: number; payLaterApr: number; maxChangePerReview: number }>;
  /** Multiplies the income share by the risk grade. */
  gradeFactor: Record<RiskGrade, number>;
  stages: {
    NEW: { payLaterCap: Minor; cashLoanOpensAfterOnTimeMonths: number; cashLoanShareOnceOpen: number };
    ACTIVE: { cashLoanShare: number; payLaterShare: number };
    HIGH_RISK: { reduceBy: number };
  };
}

export interface RiskSnapshotRecord {
  customerId: string;
  score: number;
  pd: number;
  grade: RiskGrade;
  lifecycleStage: LifecycleStage;
  region: string;
  declaredIncome: Minor;
  /** Yearly spend and repayment value across both products, the behaviour side of HIGH_VALUE. */
  behaviourValue: Minor;
  onTimeRepaymentMonths: number;
  overdue: boolean;
  asOf: Date;
}

export interface LineTerms {
  jointLimit: Minor;
  cashLoanLimit: Minor;
  payLaterLimit: Minor;
  cashLoanApr: number;
  payLaterApr: number;
  tier: CustomerTier;
  cashLoanDrawsFrozen: boolean;
}

/** What the line holds now: its terms and its drawn and held balances, the floor of any decrease. */
export interface CurrentLine extends LineTerms {
  cashLoanDrawn: Minor;
  payLaterDrawn: Minor;
  /** Overlays on the line; what the active ones add covers part of what is drawn, so the base need not. None when absent. */
  overlays?: Overlays;
}

export interface Decision {
  after: LineTerms;
  reasons: string[];
}

export const HARD_PERSON_CAP: Minor = yuan(200_000);
export const HARD_APR_CAP = 0.24;

/**
 * Version 2, the default since 2026-12-01: tiers by grade. Version 1 tiered by score on the standard
 * scale (HIGH_RISK ≤ 520, MEDIUM_RISK ≤ 600, HIGH_VALUE ≥ 700), which the shipped champion, trained
 * where 22% default, never reaches: every customer it scored was MEDIUM_RISK at best.
 */
export const DEFAULT_POLICY: PolicyDocument = {
  personCap: HARD_PERSON_CAP,
  aprCap: HARD_APR_CAP,
  step: yuan(100),
  tiers: {
    highRisk: { maxScore: null, grades: ['E'] },
    mediumRisk: { maxScore: null, grades: ['D'] },
    highValue: { minScore: null, grades: ['A'], minValueShareOfIncome: 0.3 },
  },
  tierRules: {
    HIGH_VALUE: { incomeShare: 0.5, jointCap: yuan(200_000), cashLoanApr: 0.12, payLaterApr: 0.1, maxChangePerReview: 0.5 },
    STANDARD: { incomeShare: 0.3, jointCap: yuan(100_000), cashLoanApr: 0.18, payLaterApr: 0.15, maxChangePerReview: 0.3 },
    MEDIUM_RISK: { incomeShare: 0.2, jointCap: yuan(50_000), cashLoanApr: 0.22, payLaterApr: 0.18, maxChangePerReview: 0.15 },
    HIGH_RISK: { incomeShare: 0.05, jointCap: yuan(10_000), cashLoanApr: 0.24, payLaterApr: 0.24, maxChangePerReview: 0.5 },
  },
  gradeFactor: { A: 1.2, B: 1, C: 0.8, D: 0.6, E: 0.3 },
  stages: {
    NEW: { payLaterCap: yuan(3_000), cashLoanOpensAfterOnTimeMonths: 6, cashLoanShareOnceOpen: 0.3 },
    ACTIVE: { cashLoanShare: 0.8, payLaterShare: 0.4 },
    HIGH_RISK: { reduceBy: 0.5 },
  },
};

type Problems = { path: string; reason: string }[];

const share = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;
const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const money = (v: unknown) => isMinor(v) && (v as number) >= 0;
const scoreCutoff = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1000);
const gradeList = (v: unknown) => Array.isArray(v) && v.every((g) => RISK_GRADES.includes(g as RiskGrade));

/** Checks a parsed document field by field; the hard rules bound what any version may grant. */
export function policyProblems(doc: unknown): Problems {
  const problems: Problems = [];
  const need = (ok: boolean, path: string, reason: string) => ok || problems.push({ path, reason });
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return [{ path: 'document', reason: 'must be a JSON object' }];
  const d = doc as Record<string, any>;
  need(money(d.personCap) && d.personCap > 0 && d.personCap <= HARD_PERSON_CAP, 'document.personCap', `must be fen in (0, ${HARD_PERSON_CAP}]`);
  need(positive(d.aprCap) && d.aprCap <= HARD_APR_CAP, 'document.aprCap', `must be in (0, ${HARD_APR_CAP}]`);
  need(money(d.step) && d.step > 0, 'document.step', 'must be positive fen');
  const t = d.tiers ?? {};
  need(scoreCutoff(t.highRisk?.maxScore), 'document.tiers.highRisk.maxScore', 'must be a score from 0 to 1000, or null');
  need(gradeList(t.highRisk?.grades), 'document.tiers.highRisk.grades', 'must list risk grades');
  need(scoreCutoff(t.mediumRisk?.maxScore), 'document.tiers.mediumRisk.maxScore', 'must be a score from 0 to 1000, or null');
  need(t.mediumRisk?.grades === undefined || gradeList(t.mediumRisk.grades), 'document.tiers.mediumRisk.grades', 'must list risk grades');
  need(scoreCutoff(t.highValue?.minScore), 'document.tiers.highValue.minScore', 'must be a score from 0 to 1000, or null');
  need(t.highValue?.grades === undefined || gradeList(t.highValue.grades), 'document.tiers.highValue.grades', 'must list risk grades');
  need(share(t.highValue?.minValueShareOfIncome), 'document.tiers.highValue.minValueShareOfIncome', 'must be a share in [0, 1]');
  for (const tier of CUSTOMER_TIERS) {
    const r = d.tierRules?.[tier];
    const at = `document.tierRules.${tier}`;
    if (typeof r !== 'object' || r === null) {
      problems.push({ path: at, reason: 'missing' });
      continue;
    }
    need(share(r.incomeShare), `${at}.incomeShare`, 'must be a share in [0, 1]');
    need(money(r.jointCap), `${at}.jointCap`, 'must be fen');
    for (const apr of ['cashLoanApr', 'payLaterApr']) need(share(r[apr]) && r[apr] <= (positive(d.aprCap) ? d.aprCap : HARD_APR_CAP), `${at}.${apr}`, 'must be within the APR cap');
    need(share(r.maxChangePerReview), `${at}.maxChangePerReview`, 'must be a share in [0, 1]');
  }
  for (const g of RISK_GRADES) need(positive(d.gradeFactor?.[g]) && d.gradeFactor[g] <= 2, `document.gradeFactor.${g}`, 'must be in (0, 2]');
  const s = d.stages ?? {};
  need(money(s.NEW?.payLaterCap), 'document.stages.NEW.payLaterCap', 'must be fen');
  need(Number.isInteger(s.NEW?.cashLoanOpensAfterOnTimeMonths) && s.NEW.cashLoanOpensAfterOnTimeMonths >= 0, 'document.stages.NEW.cashLoanOpensAfterOnTimeMonths', 'must be a whole number of months');
  need(share(s.NEW?.cashLoanShareOnceOpen), 'document.stages.NEW.cashLoanShareOnceOpen', 'must be a share in [0, 1]');
  need(share(s.ACTIVE?.cashLoanShare), 'document.stages.ACTIVE.cashLoanShare', 'must be a share in [0, 1]');
  need(share(s.ACTIVE?.payLaterShare), 'document.stages.ACTIVE.payLaterShare', 'must be a share in [0, 1]');
  need(share(s.HIGH_RISK?.reduceBy), 'document.stages.HIGH_RISK.reduceBy', 'must be a share in [0, 1]');
  consistency(d, need);
  unknownFields(d, 'document', POLICY_FIELDS, problems);
  return problems;
}

/** Every field a policy document may hold, nested; a field the decision never reads is a typo, not a rule. */
const POLICY_FIELDS: FieldTree = {
  personCap: null,
  aprCap: null,
  step: null,
  tiers: {
    highRisk: { maxScore: null, grades: null },
    mediumRisk: { maxScore: null, grades: null },
    highValue: { minScore: null, grades: null, minValueShareOfIncome: null },
  },
  tierRules: Object.fromEntries(CUSTOMER_TIERS.map((t) => [t, { incomeShare: null, jointCap: null, cashLoanApr: null, payLaterApr: null, maxChangePerReview: null }])),
  gradeFactor: Object.fromEntries(RISK_GRADES.map((g) => [g, null])),
  stages: {
    NEW: { payLaterCap: null, cashLoanOpensAfterOnTimeMonths: null, cashLoanShareOnceOpen: null },
    ACTIVE: { cashLoanShare: null, payLaterShare: null },
    HIGH_RISK: { reduceBy: null },
  },
};
type FieldTree = { [field: string]: FieldTree | null };

function unknownFields(value: unknown, at: string, fields: FieldTree, problems: Problems): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (!Object.prototype.hasOwnProperty.call(fields, k)) problems.push({ path: `${at}.${k}`, reason: 'is not a policy field' });
    else if (fields[k]) unknownFields(v, `${at}.${k}`, fields[k]!, problems);
  }
}

/**
 * Rules that hold between fields, checked only where the fields themselves are valid: the score
 * cut-offs in order (HIGH_RISK below MEDIUM_RISK below HIGH_VALUE), no grade in two tiers, joint
 * caps that do not grow with risk, and a step no larger than the per-person cap (every limit would
 * floor to zero).
 */
function consistency(d: Record<string, any>, need: (ok: boolean, path: string, reason: string) => unknown): void {
  const t = d.tiers ?? {};
  const cutoff = (v: unknown): number | null => (typeof v === 'number' && scoreCutoff(v) ? v : null);
  const high = cutoff(t.highRisk?.maxScore);
  const medium = cutoff(t.mediumRisk?.maxScore);
  const value = cutoff(t.highValue?.minScore);
  if (high !== null && medium !== null) need(high < medium, 'document.tiers.mediumRisk.maxScore', 'must be above tiers.highRisk.maxScore');
  if (medium !== null && value !== null) need(medium < value, 'document.tiers.highValue.minScore', 'must be above tiers.mediumRisk.maxScore');
  if (high !== null && value !== null) need(high < value, 'document.tiers.highValue.minScore', 'must be above tiers.highRisk.maxScore');
  const seen = new Map<string, string>();
  for (const tier of ['highRisk', 'mediumRisk', 'highValue'] as const) {
    const grades: unknown = t[tier]?.grades;
    if (!gradeList(grades)) continue;
    for (const g of new Set(grades as RiskGrade[])) {
      const other = seen.get(g);
      need(other === undefined, `document.tiers.${tier}.grades`, `grade ${g} is already in tiers.${other}.grades`);
      if (other === undefined) seen.set(g, tier);
    }
  }
  // CUSTOMER_TIERS run from the safest tier to the riskiest: a riskier tier never gets a higher joint cap
  for (let i = 1; i < CUSTOMER_TIERS.length; i += 1) {
    const safer = d.tierRules?.[CUSTOMER_TIERS[i - 1]!]?.jointCap;
    const riskier = d.tierRules?.[CUSTOMER_TIERS[i]!]?.jointCap;
    if (money(safer) && money(riskier)) need(riskier <= safer, `document.tierRules.${CUSTOMER_TIERS[i]}.jointCap`, `must not exceed the ${CUSTOMER_TIERS[i - 1]} joint cap`);
  }
  if (money(d.step) && money(d.personCap) && d.personCap > 0) need(d.step <= d.personCap, 'document.step', 'must not exceed the per-person cap');
}

// Module-level rather than closures inside tierOf: it runs for every line of a book, and a closure
// made per call costs an allocation (and, under tsx's keepNames, a defineProperty) each time.
const atMost = (s: RiskSnapshotRecord, cutoff: number | null) => cutoff !== null && s.score <= cutoff;
const inGrades = (s: RiskSnapshotRecord, grades: RiskGrade[] | undefined) => grades?.includes(s.grade) ?? false;

/**
 * A customer behaviour has classed HIGH_RISK (a repayment 60+ days late, even if since paid) is in
 * the HIGH_RISK tier whatever their score: the line records that tier, so later reviews hold the
 * cut made on entering it instead of cutting again on every new score.
 */
export function tierOf(policy: PolicyDocument, s: RiskSnapshotRecord): CustomerTier {
  const t = policy.tiers;
  if (s.overdue || s.lifecycleStage === 'HIGH_RISK' || atMost(s, t.highRisk.maxScore) || inGrades(s, t.highRisk.grades)) return 'HIGH_RISK';
  if (atMost(s, t.mediumRisk.maxScore) || inGrades(s, t.mediumRisk.grades)) return 'MEDIUM_RISK';
  const valuable = s.behaviourValue >= s.declaredIncome * t.highValue.minValueShareOfIncome;
  if (valuable && ((t.highValue.minScore !== null && s.score >= t.highValue.minScore) || inGrades(s, t.highValue.grades))) return 'HIGH_VALUE';
  return 'STANDARD';
}

/** The tier, and the stage the policy treats the customer in: a HIGH_RISK tier customer is HIGH_RISK whatever their lifecycle. */
export function policyStage(policy: PolicyDocument, s: RiskSnapshotRecord): { tier: CustomerTier; stage: LifecycleStage } {
  const tier = tierOf(policy, s);
  return { tier, stage: tier === 'HIGH_RISK' ? 'HIGH_RISK' : s.lifecycleStage };
}

/** Moves from `from` towards `to` by at most `share` of `from` (a first grant is not bounded). */
function bounded(from: Minor, to: Minor, share: number): Minor {
  if (from === 0) return to;
  const room = Math.round(from * share);
  return Math.min(from + room, Math.max(from - room, to));
}

/**
 * The lifecycle strategy. NEW: PAY_LATER first, CASH_LOAN only after a run of on-time months.
 * ACTIVE: CASH_LOAN follows the joint target, PAY_LATER stays within a bounded change per review.
 * HIGH_RISK or overdue: both cut and new cash draws frozen. DORMANT: nothing goes up. MEDIUM_RISK:
 * every change is bounded more tightly. Hard rules last: caps, APR ceiling, never below drawn.
 */
export function decide(policy: PolicyDocument, s: RiskSnapshotRecord, current: CurrentLine | null): Decision {
  // no path gives a reason twice, so a list keeps them unique without a set per line
  const reasons: string[] = [];
  const { tier, stage } = policyStage(policy, s);
  const rules = policy.tierRules[tier];
  const step = policy.step;
  if (s.overdue) reasons.push('OVERDUE');
  else if (s.lifecycleStage === 'HIGH_RISK') reasons.push('SERIOUS_LATE_REPAYMENT');
  else if (tier === 'HIGH_RISK') reasons.push('LOW_SCORE');

  const cap = Math.min(policy.personCap, rules.jointCap);
  const target = floorToStep(Math.min(cap, Math.max(0, Math.round(s.declaredIncome * rules.incomeShare * policy.gradeFactor[s.grade]))), step);
  let joint = target;
  let cashLoan = 0;
  let payLater = 0;
  let frozen = false;
  const was = current ?? { jointLimit: 0, cashLoanLimit: 0, payLaterLimit: 0 };

  switch (stage) {
    case 'NEW': {
      const n = policy.stages.NEW;
      payLater = Math.min(joint, n.payLaterCap);
      reasons.push('NEW_PAY_LATER_FIRST');
      if (s.onTimeRepaymentMonths >= n.cashLoanOpensAfterOnTimeMonths) {
        cashLoan = floorToStep(Math.round(joint * n.cashLoanShareOnceOpen), step);
        reasons.push('CASH_LOAN_OPENED_ON_TIME_HISTORY');
      } else {
        reasons.push('CASH_LOAN_AWAITS_REPAYMENT_HISTORY');
      }
      break;
    }
    case 'ACTIVE': {
      const a = policy.stages.ACTIVE;
      cashLoan = floorToStep(Math.round(joint * a.cashLoanShare), step);
      payLater = floorToStep(bounded(was.payLaterLimit, Math.round(joint * a.payLaterShare), rules.maxChangePerReview), step);
      if (cashLoan > was.cashLoanLimit) reasons.push('ACTIVE_CASH_LOAN_RAISED');
      break;
    }
    case 'DORMANT': {
      const a = policy.stages.ACTIVE;
      // a line's joint limit bounds the review, zero included (a zero limit is a line, not its absence)
      if (current) joint = Math.min(joint, current.jointLimit);
      cashLoan = Math.min(floorToStep(Math.round(joint * a.cashLoanShare), step), current ? was.cashLoanLimit : Infinity);
      payLater = Math.min(floorToStep(Math.round(joint * a.payLaterShare), step), current ? was.payLaterLimit : Infinity);
      reasons.push('DORMANT_NO_INCREASE');
      break;
    }
    case 'HIGH_RISK': {
      frozen = true;
      reasons.push('CASH_LOAN_DRAWS_FROZEN');
      // The cut is made once, on entering HIGH_RISK (draws not yet frozen); later reviews while
      // still HIGH_RISK hold the reduced line instead of halving it again on every new score.
      if (current?.cashLoanDrawsFrozen && current.tier === 'HIGH_RISK') {
        joint = Math.min(joint, current.jointLimit);
        cashLoan = current.cashLoanLimit;
        payLater = current.payLaterLimit;
        reasons.push('HIGH_RISK_HELD');
        break;
      }
      const keep = 1 - policy.stages.HIGH_RISK.reduceBy;
      const base = current ?? { jointLimit: joint, cashLoanLimit: 0, payLaterLimit: Math.min(joint, policy.stages.NEW.payLaterCap) };
      joint = Math.min(joint, floorToStep(Math.round(base.jointLimit * keep), step));
      cashLoan = floorToStep(Math.round(base.cashLoanLimit * keep), step);
      payLater = floorToStep(Math.round(base.payLaterLimit * keep), step);
      reasons.push('HIGH_RISK_REDUCED');
      break;
    }
  }

  if (tier === 'MEDIUM_RISK' && current) {
    joint = floorToStep(bounded(was.jointLimit, joint, rules.maxChangePerReview), step);
    cashLoan = floorToStep(bounded(was.cashLoanLimit, cashLoan, rules.maxChangePerReview), step);
    payLater = floorToStep(bounded(was.payLaterLimit, payLater, rules.maxChangePerReview), step);
    reasons.push('MEDIUM_RISK_BOUNDED_CHANGE');
  }
  if (tier === 'HIGH_VALUE') reasons.push('HIGH_VALUE_PREFERENTIAL_TERMS');

  joint = Math.min(joint, policy.personCap);
  cashLoan = Math.min(cashLoan, joint);
  payLater = Math.min(payLater, joint);

  if (current) {
    const drawn = { cashLoan: current.cashLoanDrawn, payLater: current.payLaterDrawn };
    const floored = notBelowDrawn({ jointLimit: joint, cashLoanLimit: cashLoan, payLaterLimit: payLater }, drawn, current.overlays ?? NO_OVERLAYS, policy.personCap);
    if (floored.raised) reasons.push('NOT_BELOW_DRAWN');
    ({ jointLimit: joint, cashLoanLimit: cashLoan, payLaterLimit: payLater } = floored);
    const decreased = joint < current.jointLimit || cashLoan < current.cashLoanLimit || payLater < current.payLaterLimit;
    // a decrease is an adverse action: it must say why even when only the score moved
    if (decreased && !reasons.some((r) => ADVERSE_REASONS.has(r))) reasons.push(tier === 'MEDIUM_RISK' ? 'MEDIUM_RISK_TIGHTENED' : 'RISK_REASSESSED_LOWER');
  }

  const aprCap = Math.min(policy.aprCap, HARD_APR_CAP);
  return {
    after: {
      jointLimit: joint,
      cashLoanLimit: cashLoan,
      payLaterLimit: payLater,
      cashLoanApr: Math.min(rules.cashLoanApr, aprCap),
      payLaterApr: Math.min(rules.payLaterApr, aprCap),
      tier,
      cashLoanDrawsFrozen: frozen,
    },
    reasons,
  };
}

const ADVERSE_REASONS = new Set(['OVERDUE', 'SERIOUS_LATE_REPAYMENT', 'LOW_SCORE', 'HIGH_RISK_REDUCED', 'HIGH_RISK_HELD', 'DORMANT_NO_INCREASE', 'MEDIUM_RISK_TIGHTENED', 'RISK_REASSESSED_LOWER']);

export type Direction = 'INCREASE' | 'DECREASE' | 'UNCHANGED' | 'MIXED';

export function direction(before: Pick<LineTerms, 'jointLimit' | 'cashLoanLimit' | 'payLaterLimit'> | null, after: LineTerms): Direction {
  const b = before ?? { jointLimit: 0, cashLoanLimit: 0, payLaterLimit: 0 };
  const deltas = [after.jointLimit - b.jointLimit, after.cashLoanLimit - b.cashLoanLimit, after.payLaterLimit - b.payLaterLimit];
  const up = deltas.some((x) => x > 0);
  const down = deltas.some((x) => x < 0);
  return up && down ? 'MIXED' : up ? 'INCREASE' : down ? 'DECREASE' : 'UNCHANGED';
}

export function snapshotProblems(s: RiskSnapshotRecord, now: Date): { path: string; reason: string }[] {
  const problems: { path: string; reason: string }[] = [];
  const need = (ok: boolean, path: string, reason: string) => ok || problems.push({ path, reason });
  need(isCustomerId(s.customerId), 'customerId', 'not a customer id');
  need(Number.isInteger(s.score) && s.score >= 0 && s.score <= 1000, 'score', 'must be a whole number from 0 to 1000');
  need(Number.isFinite(s.pd) && s.pd >= 0 && s.pd <= 1, 'pd', 'must be a probability');
  need(/^\d{2}$/.test(s.region), 'region', 'must be a two-digit province code');
  need(isMinor(s.declaredIncome) && s.declaredIncome >= 0, 'declaredIncome', 'must not be negative');
  need(isMinor(s.behaviourValue) && s.behaviourValue >= 0, 'behaviourValue', 'must not be negative');
  need(Number.isInteger(s.onTimeRepaymentMonths) && s.onTimeRepaymentMonths >= 0 && s.onTimeRepaymentMonths <= 600, 'onTimeRepaymentMonths', 'must be a whole number from 0 to 600');
  need(s.asOf.getTime() <= now.getTime(), 'asOf', 'must not be in the future');
  return problems;
}
