import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables a service needs to take part in events, the same shape in every service. */
async function createOutboxTable(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE event_outbox (
      seq bigserial PRIMARY KEY,
      id text NOT NULL UNIQUE,
      type text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      published_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      last_error text
    )`);
  await q.query(`CREATE INDEX event_outbox_pending_idx ON event_outbox (seq) WHERE published_at IS NULL`);
}

async function createInboxTables(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE TABLE event_inbox (
      consumer text NOT NULL,
      event_id text NOT NULL,
      type text NOT NULL,
      processed_at timestamptz NOT NULL,
      PRIMARY KEY (consumer, event_id)
    )`);
  await q.query(`
    CREATE TABLE event_failures (
      consumer text NOT NULL,
      event_id text NOT NULL,
      attempts integer NOT NULL,
      last_error text NOT NULL,
      PRIMARY KEY (consumer, event_id)
    )`);
  await q.query(`
    CREATE TABLE event_dead_letters (
      consumer text NOT NULL,
      event_id text NOT NULL,
      type text,
      message jsonb NOT NULL,
      error text NOT NULL,
      attempts integer NOT NULL,
      parked_at timestamptz NOT NULL,
      replayed_at timestamptz,
      PRIMARY KEY (consumer, event_id)
    )`);
}

/**
 * The migration every service runs to take part in events; each names its own subclass with its
 * timestamp (TypeORM records migrations by name), so the tables are the same everywhere.
 */
export abstract class EventTablesMigration implements MigrationInterface {
  abstract name: string;

  async up(q: QueryRunner): Promise<void> {
    await createOutboxTable(q);
    await createInboxTables(q);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['event_dead_letters', 'event_failures', 'event_inbox', 'event_outbox']) await q.query(`DROP TABLE ${table}`);
  }
}
