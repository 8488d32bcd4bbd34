import { isCustomerId, isMinor, PRODUCTS, type Minor, type Product } from '@jc/domain';

export interface UpliftRecord {
  id: string;
  customerId: string;
  cashLoan: boolean;
  payLater: boolean;
  amount: Minor | null;
  /** Stored with three decimals; 1.5 means the covered base limits count half again. */
  multiplier: number | null;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  createdAt: Date;
  /** The campaign that made this overlay; absent or null for a single uplift. */
  campaignId?: string | null;
  /** Set when cancelled; endsAt is then the cancellation (before startsAt when it never started). */
  cancelledAt?: Date | null;
  cancelledBy?: string | null;
  cancelReason?: string | null;
}

export const MAX_MULTIPLIER = 10;
const MAX_REASON = 200;

export function isActive(u: UpliftRecord, at: Date): boolean {
  return u.startsAt.getTime() <= at.getTime() && at.getTime() < u.endsAt.getTime();
}

/**
 * What one overlay adds to a base limit. Integer arithmetic on thousandths, rounded half up, so it
 * agrees to the fen with the same formula in the guarded SQL (numeric, rounded half away from zero).
 */
export function increment(u: Pick<UpliftRecord, 'amount' | 'multiplier'>, base: Minor): Minor {
  if (u.amount !== null) return u.amount;
  const milli = Math.round((u.multiplier ?? 1) * 1000) - 1000;
  return Math.round((base * milli) / 1000);
}

export interface UpliftIncrements {
  cashLoan: Minor;
  payLater: Minor;
  /** Each overlay's largest product increment, summed: the outer joint bound the database keeps. */
  joint: Minor;
  /**
   * The joint room a draw of each product may use: only the overlays naming that product count, so
   * a holiday uplift on PAY_LATER gives CASH_LOAN no extra joint room.
   */
  jointFor: Record<Product, Minor>;
}

/** What one overlay adds per product, and to the joint limit (its larger product increment). */
function overlayIncrements(u: UpliftRecord, base: { cashLoanLimit: Minor; payLaterLimit: Minor }): { cl: Minor; pl: Minor; jt: Minor } {
  const cl = u.cashLoan ? increment(u, base.cashLoanLimit) : 0;
  const pl = u.payLater ? increment(u, base.payLaterLimit) : 0;
  return { cl, pl, jt: Math.max(cl, pl) };
}

/**
 * Overlays add up. An overlay raises the joint limit by its largest product increment, so a holiday
 * uplift on one product is not swallowed by a joint limit that stayed where it was; but only draws
 * of the products it names may use that joint room.
 */
export function upliftIncrements(base: { cashLoanLimit: Minor; payLaterLimit: Minor }, uplifts: UpliftRecord[], at: Date): UpliftIncrements {
  const sum: UpliftIncrements = { cashLoan: 0, payLater: 0, joint: 0, jointFor: { CASH_LOAN: 0, PAY_LATER: 0 } };
  for (const u of uplifts) {
    if (!isActive(u, at)) continue;
    const { cl, pl, jt } = overlayIncrements(u, base);
    sum.cashLoan += cl;
    sum.payLater += pl;
    sum.joint += jt;
    if (u.cashLoan) sum.jointFor.CASH_LOAN += jt;
    if (u.payLater) sum.jointFor.PAY_LATER += jt;
  }
  return sum;
}

/**
 * The joint exposure the overlays not yet ended at `at` add to a line with these base limits, as
 * the database's portfolio_overlay_exposure counts it: a future overlay will be active, so it counts.
 */
export function overlayExposure(base: { cashLoanLimit: Minor; payLaterLimit: Minor }, uplifts: UpliftRecord[], at: Date): Minor {
  return uplifts.reduce((sum, u) => (u.endsAt.getTime() > at.getTime() ? sum + overlayIncrements(u, base).jt : sum), 0);
}

/**
 * A multiplier is stored with three decimals (numeric(6,3)). Compared with a tolerance, since
 * m * 1000 is rarely an exact integer in binary floating point (2.01 * 1000 = 2009.9999999999998).
 */
export function hasAtMostThreeDecimals(m: number): boolean {
  return Math.abs(m * 1000 - Math.round(m * 1000)) < 1e-6;
}

export interface UpliftInput {
  customerId: string;
  products: readonly Product[];
  amount?: Minor | null;
  multiplier?: number | null;
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

/**
 * `personCap` is the cap of the policy in force: no effective joint limit passes it, so an amount
 * above it could never be drawn, while the budget would count all of it against every other increase.
 */
export function upliftProblems(input: UpliftInput, now: Date, personCap: Minor): { path: string; reason: string }[] {
  const problems: { path: string; reason: string }[] = [];
  if (!isCustomerId(input.customerId)) problems.push({ path: 'customerId', reason: 'not a customer id' });
  if (input.products.length === 0 || input.products.some((p) => !PRODUCTS.includes(p))) {
    problems.push({ path: 'products', reason: 'name at least one product' });
  } else if (new Set(input.products).size !== input.products.length) {
    problems.push({ path: 'products', reason: 'names a product twice' });
  }
  const hasAmount = input.amount !== null && input.amount !== undefined;
  const hasMultiplier = input.multiplier !== null && input.multiplier !== undefined;
  if (hasAmount === hasMultiplier) problems.push({ path: 'amount', reason: 'give exactly one of amount and multiplier' });
  if (hasAmount && (!isMinor(input.amount) || (input.amount as number) <= 0)) problems.push({ path: 'amount', reason: 'must be positive' });
  else if (hasAmount && (input.amount as number) > personCap) problems.push({ path: 'amount', reason: `exceeds the per-person cap of ${personCap / 100} CNY` });
  if (hasMultiplier) {
    const m = input.multiplier as number;
    if (!Number.isFinite(m) || m <= 1 || m > MAX_MULTIPLIER || !hasAtMostThreeDecimals(m)) {
      problems.push({ path: 'multiplier', reason: `must be above 1 and at most ${MAX_MULTIPLIER}, with at most three decimals` });
    }
  }
  if (input.endsAt.getTime() <= input.startsAt.getTime()) problems.push({ path: 'endsAt', reason: 'must be after startsAt' });
  else if (input.endsAt.getTime() <= now.getTime()) problems.push({ path: 'endsAt', reason: 'must be in the future' });
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > MAX_REASON) problems.push({ path: 'reason', reason: `must be 1 to ${MAX_REASON} characters` });
  return problems;
}
