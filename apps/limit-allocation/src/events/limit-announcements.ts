import type { EntityManager } from 'typeorm';
import { enqueueEvents, newEvent } from '@jc/events';
import type { DecisionRecord } from '../db/decision-repository';
import { SERVICE } from '../db/database';

/** Announces a decision's limits in the transaction that wrote it. */
export function announceDecision(m: EntityManager, d: DecisionRecord, now: Date): Promise<void> {
  return announceDecisions(m, [d], now);
}

/** Announces several decisions' limits in one statement, in the transaction that wrote them. */
export async function announceDecisions(m: EntityManager, decisions: readonly DecisionRecord[], now: Date): Promise<void> {
  const events = decisions.map((d) =>
    newEvent(
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
    ),
  );
  if (events.length > 0) await enqueueEvents(m, events, now);
}
