import type { BehaviourUpdatedV1, LifecycleStage, MonthlyStatementSnapshot } from '@jc/domain';
import type { BehaviourEventsConfig } from './behaviour-events-config';
import type { BehaviourFeatures } from './features';
import type { Overdue } from './repayment-history';
import { monthStart, type MonthlyStatementRecord } from './statements';

/** behaviour.updated carries this many monthly statements, the scorecard's look-back. */
export const PUBLISHED_STATEMENT_MONTHS = 6;
/** The contract's ceiling for months late; longer arrears are still "12 or more". */
const MAX_PUBLISHED_STATUS = 12;

/**
 * Consecutive months, newest first up to asOf, in which everything due was paid by its due date.
 * Months with nothing due neither count nor break the run; an amount due today and not paid yet
 * is not late yet, so it is left out until it is.
 */
export function onTimeRepaymentStreak(overdue: readonly Overdue[]): number {
  const onTimeByMonth = new Map<string, boolean>();
  for (const o of overdue) {
    if (o.open && o.days === 0) continue;
    const month = monthStart(o.record.dueDate);
    onTimeByMonth.set(month, (onTimeByMonth.get(month) ?? true) && o.days === 0 && !o.open);
  }
  let streak = 0;
  for (const month of [...onTimeByMonth.keys()].sort().reverse()) {
    if (!onTimeByMonth.get(month)) break;
    streak += 1;
  }
  return streak;
}

export interface BehaviourUpdateInput {
  customerId: string;
  stage: LifecycleStage;
  previousStage: LifecycleStage | null;
  features: BehaviourFeatures;
  /** Newest first; the first PUBLISHED_STATEMENT_MONTHS are published. */
  statements: readonly MonthlyStatementRecord[];
  overdue: readonly Overdue[];
  asOf: Date;
}

export function behaviourUpdate(input: BehaviourUpdateInput): BehaviourUpdatedV1 {
  const year = input.features.windows.find((w) => w.days === 365);
  const statements: MonthlyStatementSnapshot[] = input.statements.slice(0, PUBLISHED_STATEMENT_MONTHS).map((s) => ({
    month: s.month,
    // The contract needs an amount: a month before any limit was announced has none yet.
    limit: s.limit ?? 0,
    balance: s.statementBalance,
    repaid: s.amountRepaid,
    status: Math.min(s.delinquencyStatus, MAX_PUBLISHED_STATUS),
  }));
  return {
    customerId: input.customerId,
    lifecycleStage: input.stage,
    previousStage: input.previousStage,
    statements,
    onTimeRepaymentStreak: onTimeRepaymentStreak(input.overdue),
    worstDaysPastDue: year?.worstDaysPastDue ?? 0,
    currentDaysPastDue: input.features.currentDaysPastDue,
    behaviourValue: year?.spend ?? 0,
    asOf: input.asOf.toISOString(),
  };
}

/**
 * Whether `next` differs enough from what was last published to be announced: any change of
 * stage, days past due, streak or the status of a month both show; or the latest statement's
 * balance or repaid amount, or the 365-day spend, moving by the configured fraction (and at least
 * the configured amount). Limits are left out: they come from limit.changed, and announcing them
 * back would only start a rescore loop.
 */
export function isMaterialChange(previous: BehaviourUpdatedV1 | null, next: BehaviourUpdatedV1, config: BehaviourEventsConfig): boolean {
  if (previous === null) return true;
  const { fraction, minimumAmount } = config.materialChange;
  const moved = (before: number, after: number) => after !== before && Math.abs(after - before) >= Math.max(minimumAmount, fraction * Math.abs(before));
  const statusBefore = new Map(previous.statements.map((s) => [s.month, s.status]));
  const [latestBefore, latestAfter] = [previous.statements[0], next.statements[0]];
  return (
    previous.lifecycleStage !== next.lifecycleStage ||
    previous.currentDaysPastDue !== next.currentDaysPastDue ||
    previous.worstDaysPastDue !== next.worstDaysPastDue ||
    previous.onTimeRepaymentStreak !== next.onTimeRepaymentStreak ||
    next.statements.some((s) => statusBefore.has(s.month) && statusBefore.get(s.month) !== s.status) ||
    moved(latestBefore?.balance ?? 0, latestAfter?.balance ?? 0) ||
    moved(latestBefore?.repaid ?? 0, latestAfter?.repaid ?? 0) ||
    moved(previous.behaviourValue, next.behaviourValue)
  );
}
