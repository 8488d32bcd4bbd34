import { In, type EntityManager } from 'typeorm';
import { yuan, type BehaviourUpdatedV1, type EventEnvelope, type Minor } from '@jc/domain';
import type { BatchEffect } from '@jc/events';
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

/** What a run of updates leaves for one customer: the newest facts and every month they reported. */
interface Merged {
  latest: BehaviourUpdatedV1;
  months: Map<string, StoredStatement>;
}

/**
 * behaviour.updated → the statements are stored, the customer is rescored by every live model
 * and the champion's score is announced, all in the inbox's transaction. Several updates of one
 * customer in a batch leave what applying them in turn would (an update older than the facts
 * held or already merged is skipped, a later month report wins) and rescore the customer once: the
 * score depends on the latest state only. Behaviour of a customer this service never onboarded is
 * ignored: there is nobody to score (behaviour-analytics accepts events for customers before
 * onboarding reaches it).
 */
export function onBehaviourUpdated(deps: ScoringDeps): BatchEffect<'behaviour.updated'> {
  const behaviour = new BehaviourRepository();
  return async (events: EventEnvelope<'behaviour.updated'>[], m: EntityManager): Promise<void> => {
    const ids = [...new Set(events.map((e) => e.payload.customerId))];
    const customers = new Map((await m.getRepository(CustomerEntity).findBy({ id: In(ids) })).map((c) => [c.id, c]));
    // before anything of theirs is read: a concurrent scoreCustomer of one of them finishes first or waits
    await deps.statements.lockCustomers([...customers.keys()], m);
    const heldAsOf = await behaviour.asOf(ids, m);
    const merged = new Map<string, Merged>();
    for (const { payload: p } of events) {
      const customer = customers.get(p.customerId);
      if (!customer) continue;
      const before = merged.get(p.customerId);
      const newest = before ? Date.parse(before.latest.asOf) : (heldAsOf.get(p.customerId) ?? -Infinity);
      // A late, older update must not overwrite what a newer one already scored.
      if (Date.parse(p.asOf) < newest) continue;
      const months = before?.months ?? new Map<string, StoredStatement>();
      for (const s of storedStatements(p.statements, applicantReferenceLimit(customer.declaredAnnualIncome))) months.set(s.month, s);
      merged.set(p.customerId, { latest: p, months });
    }
    const fresh = await behaviour.recordMany(
      [...merged.values()].map(({ latest: p }) => ({ customerId: p.customerId, lifecycleStage: p.lifecycleStage, onTimeRepaymentStreak: p.onTimeRepaymentStreak, currentDaysPastDue: p.currentDaysPastDue, behaviourValue: p.behaviourValue, asOf: p.asOf })),
      m,
    );
    const rescored = [...fresh].map((id) => customers.get(id)!);
    await deps.statements.upsertMany(rescored.flatMap((c) => [...merged.get(c.id)!.months.values()].map((s) => ({ ...s, customerId: c.id }))), m);
    if (rescored.length === 0) return;
    const scores = await scoreFromStatements(deps, rescored, await deps.registry.live(m), m);
    await announceScores(m, scores, rescored, deps.clock.now());
  };
}
