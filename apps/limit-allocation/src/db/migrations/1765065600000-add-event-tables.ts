import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createInboxTables, createOutboxTable } from '@jc/events';

/** The outbox this service publishes from and the inbox its consumers deduplicate with. */
export class AddEventTables1765065600000 implements MigrationInterface {
  name = 'AddEventTables1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await createOutboxTable(q);
    await createInboxTables(q);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['event_dead_letters', 'event_failures', 'event_inbox', 'event_outbox']) await q.query(`DROP TABLE ${table}`);
  }
}
