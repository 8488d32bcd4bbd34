import type { EventEnvelope } from '@jc/domain';
import type { Database } from '@jc/subgraph-kit';
import { enqueueEvent, OutboxRelay, type EventBus } from '../src';
import { openEventsTestDatabase, until, utilisation } from './support';

let db: Database;
beforeAll(async () => {
  db = await openEventsTestDatabase('events-relay');
});
afterAll(async () => db?.close());

// with row locks held across the publish (JetStream), and with leased claims (the in-process bus)
it.each([false, true])('two relays on one outbox publish every event exactly once (publish waits for consumers: %s)', async (waits) => {
  const published: string[] = [];
  const bus: EventBus = {
    publishWaitsForConsumers: waits,
    publish: async (event: EventEnvelope) => {
      await new Promise((resolve) => setImmediate(resolve));
      published.push(event.id);
    },
    subscribe: async () => ({ stop: async () => undefined }),
    subscribeBatches: async () => ({ stop: async () => undefined }),
    close: async () => undefined,
  };
  const ids: string[] = [];
  for (let batch = 0; batch < 10; batch += 1) {
    await db.dataSource.transaction(async (m) => {
      for (let i = 0; i < 20; i += 1) {
        const event = utilisation('c_00000000000000a1', 100 + i);
        ids.push(event.id);
        await enqueueEvent(m, event, new Date());
      }
    });
  }
  const relays = [0, 1].map(() => new OutboxRelay({ dataSource: db.dataSource, bus, batchSize: 15, pollMs: 10 }));
  relays.forEach((r) => r.start());
  await until(async () => {
    const [row] = await db.dataSource.query(`SELECT count(*)::int AS n FROM event_outbox WHERE published_at IS NULL`);
    return row.n === 0;
  });
  await Promise.all(relays.map((r) => r.stop()));
  expect(published).toHaveLength(200);
  expect(new Set(published)).toEqual(new Set(ids));
});

it.each([false, true])("two relays and a bus that refuses some publishes keep each customer's events in order (publish waits for consumers: %s)", async (waits) => {
  let seed = 7;
  const refuse = () => ((seed = (seed * 48271) % 2147483647) % 4 === 0);
  const sent = new Map<string, number[]>();
  const bus: EventBus = {
    publishWaitsForConsumers: waits,
    publish: async (event: EventEnvelope) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (refuse()) throw new Error('refused');
      const { customerId, amount } = (event as EventEnvelope<'utilisation.recorded'>).payload;
      sent.set(customerId, [...(sent.get(customerId) ?? []), amount]);
    },
    subscribe: async () => ({ stop: async () => undefined }),
    subscribeBatches: async () => ({ stop: async () => undefined }),
    close: async () => undefined,
  };
  const customers = [1, 2, 3].map((i) => `c_00000000000000${waits ? 'f' : 'e'}${i}`);
  const relays = [0, 1].map(() => new OutboxRelay({ dataSource: db.dataSource, bus, batchSize: 7, pollMs: 10 }));
  relays.forEach((r) => r.start());
  for (let amount = 1; amount <= 20; amount += 1) {
    await db.dataSource.transaction(async (m) => {
      for (const customer of customers) await enqueueEvent(m, utilisation(customer, amount), new Date());
    });
    relays[amount % 2]!.wake();
  }
  await until(async () => {
    const [row] = await db.dataSource.query(`SELECT count(*)::int AS n FROM event_outbox WHERE published_at IS NULL`);
    return row.n === 0;
  }, 30_000);
  await Promise.all(relays.map((r) => r.stop()));
  const inOrder = Array.from({ length: 20 }, (_, i) => i + 1);
  for (const customer of customers) expect(sent.get(customer)).toEqual(inOrder);
});
