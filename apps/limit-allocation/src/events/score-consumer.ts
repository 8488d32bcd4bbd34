import type { EntityManager } from 'typeorm';
import type { Clock, EventEnvelope, ScoreChangedV1 } from '@jc/domain';
import type { BatchEffect } from '@jc/events';
import { PolicyRepository } from '../db/policy-repository';
import type { RiskSnapshotRecord } from '../model/policy';
import type { DecisionService } from '../services/decision-service';

export const EVENT_ACTOR = 'system:events';

/** The risk snapshot a score announcement carries; a score without behaviour is a new customer's. */
export function snapshotOf(p: ScoreChangedV1): RiskSnapshotRecord {
  const b = p.behaviour;
  return {
    customerId: p.customerId,
    score: p.score,
    pd: p.probabilityOfDefault,
    grade: p.grade,
    lifecycleStage: b?.lifecycleStage ?? 'NEW',
    region: p.region,
    declaredIncome: p.declaredIncome,
    behaviourValue: b?.behaviourValue ?? 0,
    onTimeRepaymentMonths: b?.onTimeRepaymentStreak ?? 0,
    overdue: (b?.currentDaysPastDue ?? 0) > 0,
    asOf: new Date(p.scoredAt),
  };
}

/**
 * score.changed → the snapshot is replaced and the line re-decided under the current policy, in
 * the inbox's transaction; a review that changes nothing writes nothing. A score older than the
 * snapshot already held is ignored, so late redeliveries cannot roll a line back. Several scores of
 * one customer in a batch re-decide the line once, from the newest: a decision depends on the
 * latest snapshot only.
 */
export function onScoreChanged(decider: DecisionService, clock: Clock): BatchEffect<'score.changed'> {
  return async (events: EventEnvelope<'score.changed'>[], m: EntityManager): Promise<void> => {
    const snapshots = events.map((e) => snapshotOf(e.payload));
    const held = await new PolicyRepository(m).recordSnapshots(snapshots, clock.now());
    const current = new Set(snapshots.filter((s) => new Date(held.get(s.customerId)!.asOf).getTime() <= s.asOf.getTime()).map((s) => s.customerId));
    await decider.decideManyIn(m, [...current], EVENT_ACTOR, { trigger: 'SCORE_CHANGED', skipUnchanged: true });
  };
}
