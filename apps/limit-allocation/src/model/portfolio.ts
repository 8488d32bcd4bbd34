import type { Minor } from '@jc/domain';
import type { Decision, LineTerms } from './policy';

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

/**
 * Checks a decision's joint increase against what the budget has left: trimmed to the room, or held
 * at the current limit when there is none, with the reason either way. Decreases pass untouched.
 */
export function withinBudget(decision: Decision, currentJoint: Minor, budget: BudgetState): Decision {
  const increase = decision.after.jointLimit - currentJoint;
  if (budget.exposureBudget === null || increase <= 0) return decision;
  const room = Math.max(0, budget.exposureBudget - budgetExposure(budget));
  if (increase <= room) return decision;
  const jointLimit = currentJoint + room;
  const after: LineTerms = {
    ...decision.after,
    jointLimit,
    cashLoanLimit: Math.min(decision.after.cashLoanLimit, Math.max(jointLimit, 0)),
    payLaterLimit: Math.min(decision.after.payLaterLimit, Math.max(jointLimit, 0)),
  };
  return { after, reasons: [...decision.reasons, room === 0 ? 'PORTFOLIO_BUDGET_EXHAUSTED' : 'PORTFOLIO_BUDGET_TRIMMED'] };
}
