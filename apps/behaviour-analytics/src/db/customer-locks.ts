import type { EntityManager } from 'typeorm';

/** The first key of this service's advisory locks, so they cannot meet another user's in the same database. */
const CUSTOMER_LOCK_CLASS = 0x4a43_0001;

/**
 * Takes a transaction-scoped lock per customer, all in one order, before a batch writes anything
 * of theirs. Two batches that share customers then run one after the other instead of locking
 * aggregate rows in opposite orders (a deadlock), and the later one derives profiles from what the
 * earlier one committed instead of overwriting them with features that miss its events. Whoever
 * opens the transaction takes them once, before the first write.
 */
export async function lockCustomers(db: EntityManager, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await db.query(
    `SELECT count(pg_advisory_xact_lock(${CUSTOMER_LOCK_CLASS}, k))
     FROM (SELECT DISTINCT hashtext(id) AS k FROM unnest($1::text[]) AS c(id) ORDER BY 1) keys`,
    [customerIds],
  );
}
