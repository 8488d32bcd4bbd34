import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently } from '@jc/subgraph-kit';
import { orderingKeyOf } from './relay-claim';

/**
 * name → table and definition. Every one is partial or on an append-only column, so it stays small
 * or cheap: the outbox's ordering index holds unsent rows only, the sent one only sent rows.
 */
const INDEXES: Record<string, string> = {
  // the relay's per-customer order check: a key's unsent rows that are not due yet
  event_outbox_ordering_idx: `event_outbox (${orderingKeyOf('event_outbox')}, next_attempt_at) WHERE published_at IS NULL`,
  // the purge's: sent rows, inbox rows, by age
  event_outbox_sent_idx: `event_outbox (published_at) WHERE published_at IS NOT NULL`,
  event_inbox_processed_idx: `event_inbox (processed_at)`,
};

/**
 * Indexes for per-customer relay order and for retention, which the tables of
 * `EventTablesMigration` lack. Each service names its own subclass with its timestamp, after its
 * event tables migration. Built CONCURRENTLY (so outside a transaction): an outbox or inbox that
 * was never trimmed can be large, and a plain build would hold up every write of the service
 * meanwhile. The queries are right without these indexes, only slower.
 */
export abstract class EventIndexesMigration implements MigrationInterface {
  abstract name: string;
  readonly transaction = false;

  async up(q: QueryRunner): Promise<void> {
    for (const [name, definition] of Object.entries(INDEXES)) await createIndexConcurrently(q, name, definition);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of Object.keys(INDEXES)) await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
  }
}
