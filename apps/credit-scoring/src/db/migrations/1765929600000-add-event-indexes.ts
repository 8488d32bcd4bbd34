import { EventIndexesMigration } from '@jc/events';

/** The indexes per-customer relay order and the event purge read by. */
export class AddEventIndexes1765929600000 extends EventIndexesMigration {
  name = 'AddEventIndexes1765929600000';
}
