import type { EntityManager } from 'typeorm';
import type { LimitChangedV1 } from '@jc/domain';
import { enqueueEvents, newEvent } from '@jc/events';
import type { DecisionRecord } from '../db/decision-repository';
import { SERVICE } from '../db/database';

/** Announces a decision's limits in the transaction that wrote it. */
export function announceDecision(m: EntityManager, d: DecisionRecord, now: Date): Promise<void> {
  return announceDecisions(m, [d], now);
}

/** Announces several decisions' limits in one statement, in the transaction that wrote them. */
export function announceDecisions(m: EntityManager, decisions: readonly DecisionRecord[], now: Date): Promise<void> {
  return announceLimits(
    m,
    decisions.map((d) => ({
      customerId: d.customerId,
      decisionId: d.id,
      jointLimit: d.after.jointLimit,
      cashLoanLimit: d.after.cashLoanLimit,
      payLaterLimit: d.after.payLaterLimit,
      reasonCodes: d.reasonCodes,
      decidedAt: new Date(d.decidedAt).toISOString(),
    })),
    now,
  );
}

/** Enqueues a limit.changed per written change, in one statement of the writing transaction. */
export async function announceLimits(m: EntityManager, changes: readonly LimitChangedV1[], now: Date): Promise<void> {
  if (changes.length > 0) await enqueueEvents(m, changes.map((change) => newEvent('limit.changed', SERVICE, change, now)), now);
}
