import { isCustomerId, isMinor, type Clock, type CustomerTier, type LineStatus, type Minor, type Product } from '@jc/domain';
import { upliftIncrements, type UpliftRecord } from './uplift';

export interface CreditLineRecord {
  customerId: string;
  status: LineStatus;
  tier: CustomerTier;
  jointLimit: Minor;
  cashLoanLimit: Minor;
  cashLoanUsed: Minor;
  cashLoanHeld: Minor;
  payLaterLimit: Minor;
  payLaterUsed: Minor;
  payLaterHeld: Minor;
  /** The effective limits the database last checked a draw against; see the holds migration. */
  cashLoanCeiling: Minor;
  payLaterCeiling: Minor;
  jointCeiling: Minor;
  cashLoanApr: number;
  payLaterApr: number;
  /** Set for HIGH_RISK or overdue customers: repayments still land, new cash draws do not. */
  cashLoanDrawsFrozen: boolean;
  openedAt: Date;
  updatedAt: Date;
}

/** A line as read at one instant: the record plus the uplifts active then. */
export interface LineAt {
  line: CreditLineRecord;
  uplifts: UpliftRecord[];
  at: Date;
}

export interface ProductLineView {
  product: Product;
  limit: Minor;
  effectiveLimit: Minor;
  used: Minor;
  held: Minor;
  available: Minor;
  apr: number;
}

/** Regulatory APR ceiling. */
export const MAX_APR = 0.24;
export const DEFAULT_APR = 0.18;

export function jointUsed(line: CreditLineRecord): Minor {
  return line.cashLoanUsed + line.payLaterUsed;
}

export function jointHeld(line: CreditLineRecord): Minor {
  return line.cashLoanHeld + line.payLaterHeld;
}

export interface EffectiveLimits {
  cashLoan: Minor;
  payLater: Minor;
  /** The joint limit a draw of each product is checked against: base plus the overlays naming it. */
  jointFor: Record<Product, Minor>;
  /** The larger of the two: what the joint limit can reach at all. */
  joint: Minor;
}

/**
 * Base limits plus active overlays. An overlay never takes the joint limit past the per-person cap
 * of the policy in force (`personCap`), nor below its base.
 */
export function effectiveLimits({ line, uplifts, at }: LineAt, personCap: Minor): EffectiveLimits {
  const inc = upliftIncrements(line, uplifts, at);
  const joint = (add: Minor) => Math.max(line.jointLimit, Math.min(personCap, line.jointLimit + add));
  const jointFor = { CASH_LOAN: joint(inc.jointFor.CASH_LOAN), PAY_LATER: joint(inc.jointFor.PAY_LATER) };
  return {
    cashLoan: line.cashLoanLimit + inc.cashLoan,
    payLater: line.payLaterLimit + inc.payLater,
    jointFor,
    joint: Math.max(jointFor.CASH_LOAN, jointFor.PAY_LATER),
  };
}

export function jointAvailable(view: LineAt, personCap: Minor): Minor {
  const { line } = view;
  if (line.status !== 'ACTIVE') return 0;
  return Math.max(0, effectiveLimits(view, personCap).joint - jointUsed(line) - jointHeld(line));
}

/**
 * A product can draw up to its own headroom and never past what its joint limit has left, exactly
 * as the guarded hold statement checks it.
 */
export function productLine(view: LineAt, product: Product, personCap: Minor): ProductLineView {
  const { line } = view;
  const cash = product === 'CASH_LOAN';
  const eff = effectiveLimits(view, personCap);
  const limit = cash ? line.cashLoanLimit : line.payLaterLimit;
  const effectiveLimit = cash ? eff.cashLoan : eff.payLater;
  const used = cash ? line.cashLoanUsed : line.payLaterUsed;
  const held = cash ? line.cashLoanHeld : line.payLaterHeld;
  const open = line.status === 'ACTIVE' && !(cash && line.cashLoanDrawsFrozen);
  const jointLeft = eff.jointFor[product] - jointUsed(line) - jointHeld(line);
  const available = open ? Math.max(0, Math.min(effectiveLimit - used - held, jointLeft)) : 0;
  return { product, limit, effectiveLimit, used, held, available, apr: cash ? line.cashLoanApr : line.payLaterApr };
}

export interface OpenLineInput {
  customerId: string;
  jointLimit: Minor;
  cashLoanLimit: Minor;
  payLaterLimit: Minor;
}

export interface Problem {
  path: string;
  reason: string;
}

/** `personCap` is the cap of the policy in force. */
export function openLineProblems(input: OpenLineInput, personCap: Minor): Problem[] {
  const problems: Problem[] = [];
  if (!isCustomerId(input.customerId)) problems.push({ path: 'customerId', reason: 'not a customer id' });
  if (!isMinor(input.jointLimit) || input.jointLimit <= 0) problems.push({ path: 'jointLimit', reason: 'must be positive' });
  else if (input.jointLimit > personCap) problems.push({ path: 'jointLimit', reason: `exceeds the per-person cap of ${personCap / 100} CNY` });
  for (const key of ['cashLoanLimit', 'payLaterLimit'] as const) {
    const value = input[key];
    if (!isMinor(value) || value < 0) problems.push({ path: key, reason: 'must not be negative' });
    else if (isMinor(input.jointLimit) && value > input.jointLimit) problems.push({ path: key, reason: 'cannot exceed the joint limit' });
  }
  return problems;
}

export function openLine(input: OpenLineInput, clock: Clock, tier: CustomerTier = 'STANDARD'): CreditLineRecord {
  const now = clock.now();
  return {
    ...input,
    status: 'ACTIVE',
    tier,
    cashLoanUsed: 0,
    cashLoanHeld: 0,
    payLaterUsed: 0,
    payLaterHeld: 0,
    cashLoanCeiling: input.cashLoanLimit,
    payLaterCeiling: input.payLaterLimit,
    jointCeiling: input.jointLimit,
    cashLoanApr: DEFAULT_APR,
    payLaterApr: DEFAULT_APR,
    cashLoanDrawsFrozen: false,
    openedAt: now,
    updatedAt: now,
  };
}
