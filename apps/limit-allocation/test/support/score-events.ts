import type { EventEnvelope, ScoreChangedV1 } from '@jc/domain';
import { newEvent } from '@jc/events';

type Behaviour = NonNullable<ScoreChangedV1['behaviour']>;

/** A score.changed for a NEW customer in good standing, scored at `scoredAt`; patches adjust it. */
export function scoreChangedEvent(customerId: string, scoredAt: string, patch: Partial<ScoreChangedV1> = {}, behaviour: Partial<Behaviour> = {}, sentAt = new Date(scoredAt)): EventEnvelope<'score.changed'> {
  return newEvent(
    'score.changed',
    'credit-scoring',
    {
      customerId,
      score: 640,
      probabilityOfDefault: 0.04,
      grade: 'B',
      reasonCodes: [],
      modelVersion: 'test-model',
      scoredAt,
      region: '31',
      declaredIncome: 18_000_000,
      behaviour: { lifecycleStage: 'NEW', onTimeRepaymentStreak: 1, currentDaysPastDue: 0, behaviourValue: 60_000, asOf: scoredAt, ...behaviour },
      ...patch,
    },
    sentAt,
  );
}
