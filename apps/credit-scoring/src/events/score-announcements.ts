import type { EntityManager } from 'typeorm';
import { enqueueEvents, newEvent } from '@jc/events';
import { BehaviourRepository } from '../db/behaviour-repository';
import { SERVICE } from '../db/database';
import type { CustomerRecord } from '../model/customer';
import type { CreditScore } from '../model/scoring';

/** What a score announcement tells of the customer besides the score. */
export type ScoredCustomer = Pick<CustomerRecord, 'id' | 'region' | 'declaredAnnualIncome'>;

/**
 * Announces each customer's new champion score (shadow scores stay private) in the transaction
 * that stored it, with the behaviour facts it was computed from, so limits decide on both at once.
 */
export async function announceScores(m: EntityManager, scores: readonly CreditScore[], customers: readonly ScoredCustomer[], now: Date): Promise<void> {
  const champion = scores.filter((s) => !s.shadow);
  if (champion.length === 0) return;
  const byId = new Map(customers.map((c) => [c.id, c]));
  const behaviour = await new BehaviourRepository().byCustomer(champion.map((s) => s.customerId), m);
  const events = champion.map((s) => {
    const customer = byId.get(s.customerId)!;
    return newEvent(
      'score.changed',
      SERVICE,
      {
        customerId: s.customerId,
        score: s.score,
        probabilityOfDefault: s.probabilityOfDefault,
        grade: s.grade,
        reasonCodes: s.reasons.map((r) => r.code),
        modelVersion: s.modelVersion,
        scoredAt: s.scoredAt.toISOString(),
        region: customer.region,
        declaredIncome: customer.declaredAnnualIncome,
        behaviour: behaviour.get(s.customerId) ?? null,
      },
      now,
    );
  });
  await enqueueEvents(m, events, now);
}
