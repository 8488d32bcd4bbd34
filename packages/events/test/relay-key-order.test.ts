import type { EntityManager } from 'typeorm';
import { fixedClock, type EventEnvelope } from '@jc/domain';
import type { Database } from '@jc/subgraph-kit';
import { enqueueEvent, Inbox, InProcessBus, NatsJetStreamBus, OutboxRelay, type EventBus, type Subscription } from '../src';
import { openEventsTestDatabase, until, utilisation } from './support';

/**
 * A customer's events must reach consumers in the order they were enqueued even when publishing
 * one of them fails: the relay must not publish a later one of theirs while it is unsent.
 */
let db: Database;
beforeAll(async () => {
  db = await openEventsTestDatabase('events-key-order');
});
afterAll(async () => db?.close());

let customers = 0;
const customer = () => `c_${(0xd000 + (customers += 1)).toString(16).padStart(16, '0')}`;

/** Appends the amount as a digit: the balance spells the order a customer's events were applied in. */
const appendDigit = async (event: EventEnvelope<'utilisation.recorded'>, m: EntityManager) => {
  await m.query(
    `INSERT INTO balances (customer_id, total) VALUES ($1, $2) ON CONFLICT (customer_id) DO UPDATE SET total = balances.total * 10 + EXCLUDED.total`,
    [event.payload.customerId, event.payload.amount],
  );
};
const total = async (customerId: string): Promise<number> => {
  const [row] = await db.dataSource.query(`SELECT total::int AS total FROM balances WHERE customer_id = $1`, [customerId]);
  return row?.total ?? 0;
};
const outboxRow = async (id: string) => (await db.dataSource.query(`SELECT attempts, published_at FROM event_outbox WHERE id = $1`, [id]))[0];

/** Refuses the first publish of the events named, and records every publish tried, in order. */
class FailOnceBus implements EventBus {
  readonly tried: string[] = [];
  private readonly failing: Set<string>;
  constructor(
    private readonly inner: EventBus,
    failFirst: string[],
  ) {
    this.failing = new Set(failFirst);
  }
  get publishWaitsForConsumers() {
    return this.inner.publishWaitsForConsumers;
  }
  declare(...args: Parameters<NonNullable<EventBus['declare']>>) {
    this.inner.declare?.(...args);
  }
  async publish(event: EventEnvelope) {
    this.tried.push(event.id);
    if (this.failing.delete(event.id)) throw new Error('publish failed once');
    await this.inner.publish(event);
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

const natsUrl = process.env.TEST_NATS_URL;
type TestBus = EventBus & { cleanUp?: () => Promise<void> };
const buses: Array<[string, () => Promise<TestBus>]> = [
  ['in-process', async () => new InProcessBus()],
  ...(natsUrl
    ? [
        [
          'NATS JetStream',
          async () => {
            const stream = `JC_TEST_ORDER_${process.pid}_${Date.now()}`;
            const bus = await NatsJetStreamBus.connect({ servers: natsUrl, stream, subjectPrefix: stream, ackWaitMs: 2000 });
            return Object.assign(bus, { cleanUp: () => bus.deleteStream() });
          },
        ] as [string, () => Promise<TestBus>],
      ]
    : []),
];

describe.each(buses)('per-customer order through the relay on the %s bus', (name, connect) => {
  let inner: TestBus;
  let subscription: Subscription;
  const consumer = `test.key-order-${name.replace(/\W/g, '')}`;
  beforeEach(async () => {
    inner = await connect();
    await db.dataSource.query(`UPDATE event_outbox SET published_at = now() WHERE published_at IS NULL`);
    const inbox = new Inbox({ dataSource: db.dataSource, consumer, batchEffects: { 'utilisation.recorded': async (events, m) => { for (const e of events) await appendDigit(e, m); } } });
    subscription = await inner.subscribeBatches(consumer, inbox.types, inbox.handleBatch, 50);
  });
  afterEach(async () => {
    await subscription?.stop();
    await inner?.cleanUp?.();
    await inner?.close();
  });

  it("holds a customer's later event behind an earlier one whose publish failed in the same batch, while another customer's goes", async () => {
    const [x, y] = [customer(), customer()];
    const [a, b, c] = [utilisation(x, 1), utilisation(x, 2), utilisation(y, 3)];
    const clock = fixedClock('2026-12-01T08:00:00Z');
    await db.dataSource.transaction(async (m) => {
      for (const event of [a, b, c]) await enqueueEvent(m, event, clock.now());
    });
    const bus = new FailOnceBus(inner, [a.id]);
    const relay = new OutboxRelay({ dataSource: db.dataSource, bus, clock });

    expect(await relay.runOnce()).toBe(1);
    expect(bus.tried).toEqual([a.id, c.id]);
    await until(async () => (await total(y)) === 3);
    expect(await outboxRow(b.id)).toMatchObject({ attempts: 0, published_at: null });
    expect(await total(x)).toBe(0);

    // a is due again after its back-off; b goes after it, in the same pass
    clock.advance(1_000);
    expect(await relay.runOnce()).toBe(2);
    expect(bus.tried).toEqual([a.id, c.id, a.id, b.id]);
    await until(async () => (await total(x)) === 12);
  });

  it("does not send a customer's event enqueued while an earlier one waits for its retry, and sends other customers'", async () => {
    const [x, y] = [customer(), customer()];
    const clock = fixedClock('2026-12-01T09:00:00Z');
    const a = utilisation(x, 4);
    await db.dataSource.transaction((m) => enqueueEvent(m, a, clock.now()));
    const bus = new FailOnceBus(inner, [a.id]);
    const relay = new OutboxRelay({ dataSource: db.dataSource, bus, clock });
    expect(await relay.runOnce()).toBe(0);
    expect(await outboxRow(a.id)).toMatchObject({ attempts: 1, published_at: null });

    const [b, c] = [utilisation(x, 5), utilisation(y, 6)];
    await db.dataSource.transaction(async (m) => {
      for (const event of [b, c]) await enqueueEvent(m, event, clock.now());
    });
    expect(await relay.runOnce()).toBe(1);
    expect(bus.tried).toEqual([a.id, c.id]);
    expect(await outboxRow(b.id)).toMatchObject({ attempts: 0, published_at: null });

    clock.advance(1_000);
    expect(await relay.runOnce()).toBe(2);
    expect(bus.tried.slice(2)).toEqual([a.id, b.id]);
    await until(async () => (await total(x)) === 45 && (await total(y)) === 6);
  });
});
