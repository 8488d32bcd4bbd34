import type { EntityManager } from 'typeorm';
import { yuan, type BehaviourUpdatedV1, type EventEnvelope, type Minor } from '@jc/domain';
import { BehaviourRepository } from '../db/behaviour-repository';
import { CustomerEntity } from '../db/entities/customer.entity';
import { scoreFromStatements, type ScoringDeps } from '../db/rescoring';
import { MAX_STATUS, type StoredStatement } from '../model/statements';
import { announceScores } from './score-announcements';

/**
 * The limit a customer without a line yet is scored with. Behaviour reports such months with
 * limit 0, which the scorecard (trained on open lines, where the limit follows income) cannot
 * read; a tenth of the declared yearly income, at least the entry pay-later line, stands in.
 */
export const applicantReferenceLimit = (declaredAnnualIncome: Minor): Minor => Math.max(yuan(3_000), Math.floor(declaredAnnualIncome / 10 / 100) * 100);

/**
 * The behaviour service's statements as scoring stores them: months later than 9 are scored as 9,
 * and a month before any known limit takes the nearest known one, else `reference`.
 */
export function storedStatements(statements: BehaviourUpdatedV1['statements'], reference: Minor): StoredStatement[] {
  const known = statements.filter((s) => s.limit > 0);
  return statements.map((s) => {
    const nearest = known.reduce<typeof known[number] | null>((best, k) => (!best || Math.abs(Date.parse(k.month) - Date.parse(s.month)) < Math.abs(Date.parse(best.month) - Date.parse(s.month)) ? k : best), null);
    const limit = s.limit > 0 ? s.limit : (nearest?.limit ?? reference);
    return { month: s.month, limit, balance: s.balance, repaid: s.repaid, status: Math.min(s.status, MAX_STATUS) };
  });
}

/**
 * behaviour.updated → the statements are stored, the customer is rescored by every live model
 * and the champion's score is announced, all in the inbox's transaction. Behaviour of a customer
 * this service never onboarded is ignored: there is nobody to score (behaviour-analytics accepts
 * events for customers before onboarding reaches it).
 */
export function onBehaviourUpdated(deps: ScoringDeps) {
  const behaviour = new BehaviourRepository();
  return async (event: EventEnvelope<'behaviour.updated'>, m: EntityManager): Promise<void> => {
    const p = event.payload;
    const customer = await m.getRepository(CustomerEntity).findOneBy({ id: p.customerId });
    if (!customer) return;
    const fresh = await behaviour.record(
      p.customerId,
      { lifecycleStage: p.lifecycleStage, onTimeRepaymentStreak: p.onTimeRepaymentStreak, currentDaysPastDue: p.currentDaysPastDue, behaviourValue: p.behaviourValue, asOf: p.asOf },
      m,
    );
    // A late, older update must not overwrite what a newer one already scored.
    if (!fresh) return;
    if (p.statements.length > 0) await deps.statements.upsert(p.customerId, storedStatements(p.statements, applicantReferenceLimit(customer.declaredAnnualIncome)), m);
    const scores = await scoreFromStatements(deps, [customer], await deps.registry.live(m), m);
    await announceScores(m, scores, [customer], deps.clock.now());
  };
}
