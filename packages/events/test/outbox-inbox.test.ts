import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@jc/domain';
import type { Database } from '@jc/subgraph-kit';
import { enqueueEvent, Inbox, InProcessBus, OutboxRelay, type EventBus } from '../src';
import { fromJsonColumn } from '../src/json-column';
import { openEventsTestDatabase, until, utilisation } from './support';

const C1 = 'c_00000000000000a1';
let producer: Database;
let consumer: Database;
beforeAll(async () => {
  [producer, consumer] = await Promise.all([openEventsTestDatabase('events-producer'), openEventsTestDatabase('events-consumer')]);
});
afterAll(async () => {
  await producer?.close();
  await consumer?.close();
});

const now = () => new Date();
const total = async (customerId = C1): Promise<number> => {
  const [row] = await consumer.dataSource.query(`SELECT total::int AS total FROM balances WHERE customer_id = $1`, [customerId]);
  return row?.total ?? 0;
};
const addToBalance = async (event: EventEnvelope<'utilisation.recorded'>, m: EntityManager) => {
  await m.query(
    `INSERT INTO balances (customer_id, total) VALUES ($1, $2) ON CONFLICT (customer_id) DO UPDATE SET total = balances.total + EXCLUDED.total`,
    [event.payload.customerId, event.payload.amount],
  );
};
const pending = async () => {
  const [row] = await producer.dataSource.query(`SELECT count(*)::int AS n FROM event_outbox WHERE published_at IS NULL`);
  return row.n as number;
};

/** A bus that can be switched off, like a broker that is down. */
class SwitchableBus implements EventBus {
  up = true;
  constructor(private readonly inner: InProcessBus) {}
  publish(event: EventEnvelope) {
    return this.up ? this.inner.publish(event) : Promise.reject(new Error('bus unreachable'));
  }
  subscribe(...args: Parameters<EventBus['subscribe']>) {
    return this.inner.subscribe(...args);
  }
  subscribeBatches(...args: Parameters<EventBus['subscribeBatches']>) {
    return this.inner.subscribeBatches(...args);
  }
  close() {
    return this.inner.close();
  }
}

it('delivers committed events once, drops rolled-back ones, survives a bus outage and a consumer outage', async () => {
  const inner = new InProcessBus();
  const bus = new SwitchableBus(inner);
  const inbox = new Inbox({ dataSource: consumer.dataSource, consumer: 'test.balances', effects: { 'utilisation.recorded': addToBalance } });
  const relay = new OutboxRelay({ dataSource: producer.dataSource, bus, pollMs: 20 });
  inner.declare('test.balances', inbox.types);

  // committed with its state change → delivered; rolled back → never exists
  await producer.dataSource.transaction((m) => enqueueEvent(m, utilisation(C1, 500), now()));
  await expect(
    producer.dataSource.transaction(async (m) => {
      await enqueueEvent(m, utilisation(C1, 9999), now());
      throw new Error('business rule failed');
    }),
  ).rejects.toThrow('business rule failed');

  // the consumer is not subscribed yet and the bus is down: nothing may be lost
  bus.up = false;
  relay.start();
  await until(async () => {
    const [row] = await producer.dataSource.query(`SELECT attempts FROM event_outbox LIMIT 1`);
    return row.attempts >= 1;
  });
  expect(await pending()).toBe(1);

  // the bus is back but the consumer is not: the bus refuses the event, so the outbox keeps it
  bus.up = true;
  relay.wake();
  await until(async () => {
    const [row] = await producer.dataSource.query(`SELECT attempts, last_error FROM event_outbox LIMIT 1`);
    return /not subscribed/.test(row.last_error ?? '');
  });
  expect(await pending()).toBe(1);

  const subscription = await bus.subscribe('test.balances', inbox.types, inbox.handle);
  await until(async () => (await pending()) === 0);
  expect(await total()).toBe(500);

  // a redelivery of the same event changes nothing
  const [row] = await producer.dataSource.query(`SELECT envelope FROM event_outbox LIMIT 1`);
  await bus.publish(fromJsonColumn(row.envelope) as EventEnvelope);
  await until(() => inner.pending('test.balances') === 0);
  expect(await total()).toBe(500);

  await subscription.stop();
  await relay.stop();
  await bus.close();
});

it('retries a failing effect, parks it after the limit, and a replay applies it exactly once', async () => {
  const bus = new InProcessBus();
  let broken = true;
  const parked: string[] = [];
  const inbox = new Inbox({
    dataSource: consumer.dataSource,
    consumer: 'test.flaky',
    maxAttempts: 3,
    onParked: (id) => parked.push(id),
    effects: {
      'utilisation.recorded': async (event, m) => {
        if (broken) throw new Error('downstream dependency failed');
        await addToBalance(event, m);
      },
    },
  });
  const C2 = 'c_00000000000000b2';
  const event = utilisation(C2, 700);
  const subscription = await bus.subscribe('test.flaky', inbox.types, inbox.handle);
  await bus.publish(event);
  await until(() => parked.length === 1);
  const [dead] = await inbox.deadLetters();
  expect(dead).toMatchObject({ eventId: event.id, type: 'utilisation.recorded', attempts: 3, error: 'downstream dependency failed', replayedAt: null });
  expect(await total(C2)).toBe(0);

  broken = false;
  expect(await inbox.replay(event.id)).toBe('APPLIED');
  expect(await total(C2)).toBe(700);
  expect(await inbox.replay(event.id)).toBe('ALREADY_APPLIED');
  expect(await total(C2)).toBe(700);
  expect((await inbox.deadLetters())[0]?.replayedAt).toBeInstanceOf(Date);
  await subscription.stop();
  await bus.close();
});

it('parks an event that breaks its contract without applying anything', async () => {
  const inbox = new Inbox({ dataSource: consumer.dataSource, consumer: 'test.strict', effects: { 'utilisation.recorded': addToBalance } });
  const bad = { ...utilisation(C1, 100), payload: { customerId: C1, amount: -5 } };
  await inbox.handle(bad);
  const [dead] = await inbox.deadLetters();
  expect(dead?.error).toMatch(/contract violation: .*payload.amount/);
  await expect(inbox.replay(bad.id)).rejects.toThrow(/cannot replay an invalid event/);
});

it('refuses to enqueue an invalid event, so the producer transaction fails', async () => {
  const bad = { ...utilisation(C1, 100), type: 'nope' } as unknown as EventEnvelope;
  await expect(producer.dataSource.transaction((m) => enqueueEvent(m, bad, now()))).rejects.toThrow(/invalid event: type/);
});

it('parks a message whatever it holds: NUL and lone surrogates are kept as visible escapes, the rest as it was', async () => {
  const inbox = new Inbox({ dataSource: consumer.dataSource, consumer: 'test.nul', effects: { 'utilisation.recorded': addToBalance } });
  const event = utilisation(C1, 100);
  const bad = { ...event, payload: { ...event.payload, customerId: 'c_\u0000', 'key\u0000': 'lone \ud800, written \\u0000' } };
  await inbox.handle(bad);
  const noId = { id: 'evt\u0000nul', type: 'utilisation.recorded\u0000' };
  await inbox.handle(noId);
  const dead = new Map((await inbox.deadLetters()).map((d) => [d.eventId, d]));
  expect([...dead.keys()].sort()).toEqual([event.id, 'evt\\u0000nul'].sort());
  expect(dead.get('evt\\u0000nul')?.type).toBe('utilisation.recorded\\u0000');
  expect(dead.get(event.id)?.error).toMatch(/contract violation: .*customerId/);
  expect(dead.get(event.id)?.message).toEqual({ ...bad, payload: { ...event.payload, customerId: 'c_\\u0000', 'key\\u0000': 'lone \\ud800, written \\u0000' } });
});
