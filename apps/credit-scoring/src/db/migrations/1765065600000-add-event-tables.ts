import { EventTablesMigration } from '@jc/events';

/** The outbox this service publishes from and the inbox its consumers deduplicate with. */
export class AddEventTables1765065600000 extends EventTablesMigration {
  name = 'AddEventTables1765065600000';
}
