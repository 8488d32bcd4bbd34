import type { Minor, Product } from '@jc/domain';
import { increment, isActive, upliftIncrements, type UpliftRecord } from './uplift';

/**
 * "Never below drawn" bounds the effective limit, not the base: an active overlay may carry part of
 * what is drawn, and a review must not write that part into the base limit, where it would outlive
 * the overlay. These floors are the lowest base limits whose effective limits still cover what is
 * drawn and held. The SQL in db/decision-repository.ts and the migration that defines its functions
 * compute the same numbers to the fen.
 */

export interface Limits {
  jointLimit: Minor;
  cashLoanLimit: Minor;
  payLaterLimit: Minor;
}

/** The overlays of a line as read at one instant. */
export interface Overlays {
  uplifts: UpliftRecord[];
  at: Date;
}

/** A line with no overlays (the instant does not matter then). */
export const NO_OVERLAYS: Overlays = { uplifts: [], at: new Date(0) };

/** The lowest base limit of `product` whose effective limit covers `drawn`. */
export function productFloor(drawn: Minor, product: Product, { uplifts, at }: Overlays): Minor {
  // most lines have no overlay: nothing to filter then
  if (uplifts.length === 0 || drawn <= 0) return Math.max(0, drawn);
  const covering = uplifts.filter((u) => isActive(u, at) && (product === 'CASH_LOAN' ? u.cashLoan : u.payLater));
  if (covering.length === 0) return drawn;
  const effective = (base: Minor) => covering.reduce((sum, u) => sum + increment(u, base), base);
  const amounts = covering.reduce((sum, u) => sum + (u.amount ?? 0), 0);
  const multipliers = covering.filter((u) => u.amount === null);
  const milli = multipliers.reduce((sum, u) => sum + Math.round(u.multiplier! * 1000) - 1000, 0);
  // each rounded multiplier increment is at most half a fen above its exact share, so no lower base covers
  let base = Math.max(0, Math.ceil(((drawn - amounts - multipliers.length / 2) * 1000) / (1000 + milli)));
  while (base < drawn && effective(base) < drawn) base += 1;
  return Math.min(base, drawn);
}

/**
 * The lowest joint base whose effective joint limit (the larger of the two products' joint limits,
 * see effectiveLimits) covers `drawn`, given the product bases that will hold. Past the cap no
 * overlay counts, so the base alone must cover it.
 */
export function jointFloor(drawn: Minor, bases: Omit<Limits, 'jointLimit'>, overlays: Overlays, personCap: Minor): Minor {
  if (drawn > personCap) return drawn;
  if (overlays.uplifts.length === 0) return Math.max(0, drawn);
  const { jointFor } = upliftIncrements(bases, overlays.uplifts, overlays.at);
  return Math.max(0, drawn - Math.max(jointFor.CASH_LOAN, jointFor.PAY_LATER));
}

/**
 * The decided limits raised to their floors where they fell below, products first (a multiplier's
 * joint increment follows the product bases); `raised` says whether any floor applied.
 */
export function notBelowDrawn(decided: Limits, drawn: { cashLoan: Minor; payLater: Minor }, overlays: Overlays, personCap: Minor): Limits & { raised: boolean } {
  const cashLoanLimit = Math.max(decided.cashLoanLimit, productFloor(drawn.cashLoan, 'CASH_LOAN', overlays));
  const payLaterLimit = Math.max(decided.payLaterLimit, productFloor(drawn.payLater, 'PAY_LATER', overlays));
  const jointLimit = Math.max(decided.jointLimit, jointFloor(drawn.cashLoan + drawn.payLater, { cashLoanLimit, payLaterLimit }, overlays, personCap));
  const raised = jointLimit > decided.jointLimit || cashLoanLimit > decided.cashLoanLimit || payLaterLimit > decided.payLaterLimit;
  return { jointLimit, cashLoanLimit, payLaterLimit, raised };
}
