import type { EventEnvelope } from '@jc/domain';
import type { Database } from '@jc/subgraph-kit';
import { enqueueEvents } from '../src';
import { openEventsTestDatabase, utilisation } from './support';

let db: Database;
beforeAll(async () => {
  db = await openEventsTestDatabase('events-outbox-bulk');
});
afterAll(async () => db?.close());

const customer = (k: number) => `c_${k.toString(16).padStart(16, '0')}`;
const ids = async (): Promise<string[]> => (await db.dataSource.query(`SELECT id FROM event_outbox ORDER BY seq`)).map((r: { id: string }) => r.id);

// more than a statement holds, so the events go out in several
const MANY = 12_001;

it('enqueues every event of a large batch, in the order given', async () => {
  const events = Array.from({ length: MANY }, (_, k) => utilisation(customer(k), k + 1));
  await db.dataSource.transaction((m) => enqueueEvents(m, events, new Date()));
  expect(await ids()).toEqual(events.map((e) => e.id));
});

it('validates every event before writing any, even outside a transaction', async () => {
  const before = await ids();
  const bad = { ...utilisation(customer(0), 1), type: 'nope' } as unknown as EventEnvelope;
  const events = [...Array.from({ length: MANY }, (_, k) => utilisation(customer(k), k + 1)), bad];
  await expect(enqueueEvents(db.dataSource.manager, events, new Date())).rejects.toThrow(/invalid event: type/);
  expect(await ids()).toEqual(before);
});
