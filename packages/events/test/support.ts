import type { QueryRunner } from 'typeorm';
import { openTestDatabase, type Database } from '@jc/subgraph-kit';
import { EventIndexesMigration, EventTablesMigration, newEvent } from '../src';

class EventTables1764460800000 extends EventTablesMigration {
  name = 'EventTables1764460800000';
  override async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE balances (customer_id text PRIMARY KEY, total bigint NOT NULL)`);
    await super.up(q);
  }
}

class EventIndexes1764547200000 extends EventIndexesMigration {
  name = 'EventIndexes1764547200000';
}

export function openEventsTestDatabase(service: string): Promise<Database> {
  return openTestDatabase({ service, entities: [], migrations: [EventTables1764460800000, EventIndexes1764547200000] });
}

let n = 0;
/** A valid utilisation event for a customer, with a fresh id. */
export function utilisation(customerId: string, amount: number) {
  n += 1;
  return newEvent('utilisation.recorded', 'test', {
    customerId,
    utilisationId: `u-${n}`,
    product: 'PAY_LATER',
    amount,
    occurredAt: '2026-11-30T08:00:00.000Z',
    merchantCategory: 'GROCERY',
    channel: 'ONLINE',
  }, new Date('2026-11-30T08:00:00Z'));
}

export async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
