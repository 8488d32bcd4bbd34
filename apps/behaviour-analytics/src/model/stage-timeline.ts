import type { LifecycleStage } from '@jc/domain';
import { worstDaysPastDue } from './features';
import { decideStageFrom, type StageDecision } from './lifecycle';
import type { LifecycleRules } from './lifecycle-rules';
import { currentDaysPastDue, DAY_MS, overdueAt, type RepaymentRecord } from './repayment-history';

/** What the stage of one customer depends on, besides the clock. */
export interface StageHistoryInputs {
  firstSeenAt: Date;
  /**
   * Times of the customer's transactions known to the derivation: at least the last one at or
   * before the instant a walk starts from, and every later one (any order).
   */
  transactionTimes: readonly number[];
  repayments: readonly RepaymentRecord[];
}

export interface TimedStageChange extends StageDecision {
  at: Date;
  from: LifecycleStage;
}

const WORST_WINDOW_DAYS = 365;

/** The stage at `at`, from what had happened by then (later events are ignored). */
export function stageAt(input: StageHistoryInputs, at: number, rules: LifecycleRules): StageDecision {
  const when = new Date(at);
  const overdue = overdueAt(input.repayments, when);
  const lastTx = input.transactionTimes.reduce<number | null>((last, t) => (t <= at && (last === null || t > last) ? t : last), null);
  return decideStageFrom(
    {
      currentDaysPastDue: currentDaysPastDue(overdue),
      worstDaysPastDue365: worstDaysPastDue(overdue, WORST_WINDOW_DAYS, when),
      daysSinceLastTransaction: lastTx === null ? null : Math.floor((at - lastTx) / DAY_MS),
    },
    input.firstSeenAt,
    when,
    rules,
  );
}

/**
 * Every instant at which an input of the stage rules may change: each event, and each threshold
 * that time alone crosses (newness running out, dormancy after the last transaction, an unpaid
 * amount reaching a days-past-due bar, a late payment leaving the 365-day window). Between two
 * of them the stage is constant. Deliberately generous: an instant that changes nothing only
 * costs a derivation that finds the same stage.
 */
export function stageInstants(input: StageHistoryInputs, rules: LifecycleRules): number[] {
  const days = (n: number) => n * DAY_MS;
  const bars = [rules.highRisk.currentDaysPastDue, rules.highRisk.worstDaysPastDue365];
  const instants = [input.firstSeenAt.getTime() + days(rules.newCustomerDays)];
  for (const t of input.transactionTimes) instants.push(t, t + days(rules.dormant.inactiveDays));
  for (const r of input.repayments) {
    const due = r.dueDate.getTime();
    instants.push(due, ...bars.map((bar) => due + days(bar)));
    // A cure happens at some later payment's paidAt, so these cover when cured arrears age out too.
    if (r.paidAt) instants.push(r.paidAt.getTime(), r.paidAt.getTime() + days(WORST_WINDOW_DAYS));
  }
  return [...new Set(instants)].sort((a, b) => a - b);
}

/** The first instant after `asOf` at which the stage may change without any new event; null if none. */
export function nextStageCheck(input: StageHistoryInputs, asOf: Date, rules: LifecycleRules): Date | null {
  const next = stageInstants(input, rules).find((t) => t > asOf.getTime());
  return next === undefined ? null : new Date(next);
}

/**
 * The stage changes from `previous` (the stage derived at `previous.asOf`) to `decided` (at
 * `asOf`), each dated when it happened: a customer who crossed a threshold between two
 * derivations changed stage at the crossing, not when a sweep noticed; one who crossed two
 * (NEW → ACTIVE → DORMANT) gets both, and a stage that came and went in between is kept; an
 * event's change is dated at the event. Only if the data say the stage at `previous.asOf` was not
 * the stored one (events arrived late, or the rules changed) is there one change, at `asOf`, when
 * it became known. Never dated at or before `previous.asOf`, so after every earlier change, and
 * the same inputs give the same changes.
 */
export function stageChangesBetween(
  input: StageHistoryInputs,
  previous: { stage: LifecycleStage; asOf: Date },
  asOf: Date,
  decided: StageDecision,
  rules: LifecycleRules,
): TimedStageChange[] {
  const from = previous.asOf.getTime();
  const to = asOf.getTime();
  if (to <= from || stageAt(input, from, rules).stage !== previous.stage) {
    return decided.stage === previous.stage ? [] : [{ ...decided, from: previous.stage, at: new Date(Math.max(to, from)) }];
  }
  const changes: TimedStageChange[] = [];
  let stage = previous.stage;
  for (const t of stageInstants(input, rules)) {
    if (t <= from || t > to) continue;
    const decision = stageAt(input, t, rules);
    if (decision.stage === stage) continue;
    changes.push({ ...decision, from: stage, at: new Date(t) });
    stage = decision.stage;
  }
  // The walk and the derivation read the same data; if they ever disagree, the derivation wins.
  if (stage !== decided.stage) changes.push({ ...decided, from: stage, at: asOf });
  return changes;
}
