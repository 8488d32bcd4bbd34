import type { Minor, Product } from '@jc/domain';
import type { Limits, Overlays } from './drawn-floor';
import type { Decision, LineTerms } from './policy';
import { overlayExposure } from './uplift';

export interface BudgetState {
  /** Null: no budget set. */
  exposureBudget: Minor | null;
  /** Base joint limits of the lines not closed. */
  granted: Minor;
  /** What overlays not yet ended add on top of the granted base limits. */
  overlays: Minor;
}

/** The exposure the budget is checked against, as the database's budget trigger counts it. */
export function budgetExposure(budget: BudgetState): Minor {
  return budget.granted + budget.overlays;
}

/** What a line counts against the budget: its joint limit and what its overlays not yet ended add. */
export function lineExposure(limits: Limits, { uplifts, at }: Overlays): Minor {
  return limits.jointLimit + overlayExposure(limits, uplifts, at);
}

const NO_LINE: Limits = { jointLimit: 0, cashLoanLimit: 0, payLaterLimit: 0 };

/** The sub-limits whose base a multiplier overlay not yet ended scales, so raising them raises counted exposure. */
function scaledProducts({ uplifts, at }: Overlays): Product[] {
  const scaling = uplifts.filter((u) => u.multiplier !== null && u.endsAt.getTime() > at.getTime());
  return (['CASH_LOAN', 'PAY_LATER'] as const).filter((p) => scaling.some((u) => (p === 'CASH_LOAN' ? u.cashLoan : u.payLater)));
}

/**
 * Checks a decision's growth in counted exposure (joint limit plus overlays, so a sub-limit raised
 * under a multiplier overlay counts) against what the budget has left. Over the room, the joint
 * increase is trimmed to it first, each sub-limit held within the joint limit, and then the
 * sub-limits raised under multiplier overlays are brought back towards their current values until
 * the growth fits, all in whole policy steps, as limits are granted; the reason says trimmed, or
 * exhausted when less than a step was left. Decreases pass.
 */
export function withinBudget(decision: Decision, current: Limits | null, overlays: Overlays, budget: BudgetState, step: Minor): Decision {
  const before = current ?? NO_LINE;
  const growth = (terms: Limits) => lineExposure(terms, overlays) - lineExposure(before, overlays);
  if (budget.exposureBudget === null || growth(decision.after) <= 0) return decision;
  const room = Math.max(0, budget.exposureBudget - budgetExposure(budget));
  if (growth(decision.after) <= room) return decision;

  const wanted = decision.after;
  const jointLimit = wanted.jointLimit > before.jointLimit ? Math.min(wanted.jointLimit, before.jointLimit + Math.floor(room / step) * step) : wanted.jointLimit;
  let after: LineTerms = {
    ...wanted,
    jointLimit,
    cashLoanLimit: Math.min(wanted.cashLoanLimit, Math.max(jointLimit, 0)),
    payLaterLimit: Math.min(wanted.payLaterLimit, Math.max(jointLimit, 0)),
  };
  const scaled = scaledProducts(overlays);
  const cut = (terms: LineTerms, by: Minor): LineTerms => ({
    ...terms,
    cashLoanLimit: scaled.includes('CASH_LOAN') ? Math.max(Math.min(terms.cashLoanLimit, before.cashLoanLimit), terms.cashLoanLimit - by) : terms.cashLoanLimit,
    payLaterLimit: scaled.includes('PAY_LATER') ? Math.max(Math.min(terms.payLaterLimit, before.payLaterLimit), terms.payLaterLimit - by) : terms.payLaterLimit,
  });
  if (growth(after) > room) {
    // growth falls as the cut grows; the smallest cut that fits, by bisection
    let low = 0;
    let high = Math.ceil(Math.max(after.cashLoanLimit - before.cashLoanLimit, after.payLaterLimit - before.payLaterLimit, 0) / step);
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (growth(cut(after, mid * step)) <= room) high = mid;
      else low = mid + 1;
    }
    after = cut(after, low * step);
  }
  return { after, reasons: [...decision.reasons, room < step ? 'PORTFOLIO_BUDGET_EXHAUSTED' : 'PORTFOLIO_BUDGET_TRIMMED'] };
}
