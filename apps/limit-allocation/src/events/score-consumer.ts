import type { EntityManager } from 'typeorm';
import type { Clock, EventEnvelope, ScoreChangedV1 } from '@jc/domain';
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
 * snapshot already held is ignored, so late redeliveries cannot roll a line back.
 */
export function onScoreChanged(decider: DecisionService, clock: Clock) {
  return async (event: EventEnvelope<'score.changed'>, m: EntityManager): Promise<void> => {
    const snapshot = snapshotOf(event.payload);
    const held = await new PolicyRepository(m).recordSnapshot(snapshot, clock.now());
    if (new Date(held.asOf).getTime() > snapshot.asOf.getTime()) return;
    await decider.decideIn(m, snapshot.customerId, EVENT_ACTOR, { trigger: 'SCORE_CHANGED', skipUnchanged: true });
  };
}
