import type { EntityManager } from 'typeorm';
import type { Minor } from '@jc/domain';
import { enqueueEvent, newEvent } from '@jc/events';
import { BehaviourRepository } from '../db/behaviour-repository';
import { SERVICE } from '../db/database';
import type { CreditScore } from '../model/scoring';

export interface ScoredCustomer {
  id: string;
  region: string;
  declaredAnnualIncome: Minor;
}

/**
 * Announces each customer's new champion score (shadow scores stay private) in the transaction
 * that stored it, with the behaviour facts it was computed from, so limits decide on both at once.
 */
export async function announceScores(m: EntityManager, scores: readonly CreditScore[], customers: readonly ScoredCustomer[], now: Date): Promise<number> {
  const champion = scores.filter((s) => !s.shadow);
  if (champion.length === 0) return 0;
  const byId = new Map(customers.map((c) => [c.id, c]));
  const behaviour = await new BehaviourRepository().byCustomer(champion.map((s) => s.customerId), m);
  for (const s of champion) {
    const customer = byId.get(s.customerId)!;
    const event = newEvent(
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
    await enqueueEvent(m, event, now);
  }
  return champion.length;
}
