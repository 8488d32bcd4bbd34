import type { Minor } from '@jc/domain';
import type { Decision, LineTerms } from './policy';

export interface BudgetState {
  /** Null: no budget set. */
  exposureBudget: Minor | null;
  granted: Minor;
  /** What overlays not yet ended add on top of the granted base limits; absent when not read. */
  overlays?: Minor;
}

/**
 * Checks a decision's joint increase against what the budget has left: trimmed to the room, or held
 * at the current limit when there is none, with the reason either way. Decreases pass untouched.
 */
export function withinBudget(decision: Decision, currentJoint: Minor, budget: BudgetState): Decision {
  const increase = decision.after.jointLimit - currentJoint;
  if (budget.exposureBudget === null || increase <= 0) return decision;
  const room = Math.max(0, budget.exposureBudget - budget.granted - (budget.overlays ?? 0));
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
