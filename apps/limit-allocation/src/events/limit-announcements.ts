import type { EntityManager } from 'typeorm';
import { enqueueEvent, newEvent } from '@jc/events';
import type { DecisionRecord } from '../db/decision-repository';
import { SERVICE } from '../db/database';

/** Announces a decision's limits in the transaction that wrote it. */
export async function announceDecision(m: EntityManager, d: DecisionRecord, now: Date): Promise<void> {
  const event = newEvent(
    'limit.changed',
    SERVICE,
    {
      customerId: d.customerId,
      decisionId: d.id,
      jointLimit: d.after.jointLimit,
      cashLoanLimit: d.after.cashLoanLimit,
      payLaterLimit: d.after.payLaterLimit,
      reasonCodes: d.reasonCodes,
      decidedAt: new Date(d.decidedAt).toISOString(),
    },
    now,
  );
  await enqueueEvent(m, event, now);
}
