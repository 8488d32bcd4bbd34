import type { EntityManager } from 'typeorm';

/**
 * What a customer's events are ordered by: the customer id every customer event carries. Events
 * without one have no ordering key and are not held back for each other. `EventIndexesMigration`
 * indexes the same expression, so it must stay exactly this.
 */
export const orderingKeyOf = (alias: string): string => `(${alias}.envelope->'payload'->>'customerId')`;

export interface PendingRow {
  seq: string;
  id: string;
  envelope: unknown;
  attempts: number;
  ordering_key: string | null;
}

/** First key of the relay's advisory lock; the second is the outbox table's oid, so schemas never meet. */
const RELAY_LOCK_CLASS = 0x4a43_0e01;

/**
 * Due rows, oldest first, except a row whose key has an earlier unsent row that is not due: that
 * row failed and waits for its retry, or another relay has leased it. Such a row must go first, so
 * the rows behind it stay, while other keys' rows still fill the batch (the filter is applied
 * before the limit, so one stuck customer cannot starve the rest). The probe uses
 * `event_outbox_ordering_idx` (key, next_attempt_at), which holds few not-due rows per key.
 */
const DUE_IN_KEY_ORDER = `
  SELECT o.seq FROM event_outbox o
   WHERE o.published_at IS NULL AND o.next_attempt_at <= $1
     AND NOT EXISTS (
       SELECT 1 FROM event_outbox e
        WHERE e.published_at IS NULL AND ${orderingKeyOf('e')} = ${orderingKeyOf('o')}
          AND e.next_attempt_at > $1 AND e.seq < o.seq)
   ORDER BY o.seq LIMIT $2 FOR UPDATE SKIP LOCKED`;

/**
 * Serialises claims on one outbox for the rest of the caller's transaction. Without it two relays
 * claiming at the same moment could split one key: the second skips the row the first has just
 * locked, does not yet see it as leased, and takes the row after it.
 */
export async function lockClaims(m: EntityManager): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(${RELAY_LOCK_CLASS}, 'event_outbox'::regclass::oid::int)`);
}

/** Claims rows by locking them until the caller's transaction ends (the bus acknowledges quickly). */
export function claimLocked(m: EntityManager, now: Date, limit: number): Promise<PendingRow[]> {
  return m.query(
    `SELECT seq, id, envelope, attempts, ${orderingKeyOf('event_outbox')} AS ordering_key
       FROM event_outbox WHERE seq IN (${DUE_IN_KEY_ORDER}) ORDER BY seq`,
    [now, limit],
  );
}

/** Claims rows by pushing their next attempt to `leaseUntil`, so they stay claimed after the statement. */
export function claimLeased(m: EntityManager, now: Date, limit: number, leaseUntil: Date): Promise<PendingRow[]> {
  return m.query(
    `WITH claimed AS (${DUE_IN_KEY_ORDER}),
     leased AS (
       UPDATE event_outbox o SET next_attempt_at = $3 FROM claimed WHERE o.seq = claimed.seq
       RETURNING o.seq, o.id, o.envelope, o.attempts, ${orderingKeyOf('o')} AS ordering_key)
     SELECT * FROM leased ORDER BY seq`,
    [now, limit, leaseUntil],
  );
}
