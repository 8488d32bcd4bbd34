import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@jc/domain';
import type { Database } from '@jc/subgraph-kit';
import { Inbox, InProcessBus, NatsJetStreamBus, oneAtATime, type BatchDeliveryHandler, type EventBus, type Subscription } from '../src';
import { openEventsTestDatabase, until, utilisation } from './support';

let db: Database;
beforeAll(async () => {
  db = await openEventsTestDatabase('events-batches');
});
afterAll(async () => db?.close());

let customers = 0;
/** Fresh customer ids, so tests sharing the database never see each other's balances. */
const customer = () => `c_${(0xb000 + (customers += 1)).toString(16).padStart(16, '0')}`;

const total = async (customerId: string): Promise<number> => {
  const [row] = await db.dataSource.query(`SELECT total::int AS total FROM balances WHERE customer_id = $1`, [customerId]);
  return row?.total ?? 0;
};

const appliedAt = async (consumer: string, eventId: string): Promise<number> => {
  const [row] = await db.dataSource.query(`SELECT processed_at FROM event_inbox WHERE consumer = $1 AND event_id = $2`, [consumer, eventId]);
  return new Date(row.processed_at).getTime();
};

/** Appends the amount as a digit: the balance spells the order a customer's events were applied in. */
const appendDigit = async (event: EventEnvelope<'utilisation.recorded'>, m: EntityManager) => {
  await m.query(
    `INSERT INTO balances (customer_id, total) VALUES ($1, $2) ON CONFLICT (customer_id) DO UPDATE SET total = balances.total * 10 + EXCLUDED.total`,
    [event.payload.customerId, event.payload.amount],
  );
};

const POISON = 13;

function digitInbox(consumer: string, calls: string[][] = []) {
  return new Inbox({
    dataSource: db.dataSource,
    consumer,
    maxAttempts: 2,
    batchEffects: {
      'utilisation.recorded': async (events, m) => {
        calls.push(events.map((e) => e.id));
        for (const event of events) {
          if (event.payload.amount === POISON) throw new Error('poison');
          await appendDigit(event, m);
        }
      },
    },
  });
}

it('applies a batch in one transaction, and a redelivered batch (or an event twice in one) changes nothing', async () => {
  const [a, b] = [customer(), customer()];
  const calls: string[][] = [];
  const inbox = digitInbox('test.batch-redelivery', calls);
  const batch = [utilisation(a, 1), utilisation(b, 2), utilisation(a, 3)];
  expect(await inbox.handleBatch(batch)).toEqual([true, true, true]);
  expect(calls).toEqual([batch.map((e) => e.id)]);
  expect([await total(a), await total(b)]).toEqual([13, 2]);

  expect(await inbox.handleBatch(batch)).toEqual([true, true, true]);
  const twice = utilisation(b, 4);
  expect(await inbox.handleBatch([twice, twice])).toEqual([true, true]);
  expect([await total(a), await total(b)]).toEqual([13, 24]);
  expect(calls).toHaveLength(2);
  const [row] = await db.dataSource.query(`SELECT count(*)::int AS n FROM event_inbox WHERE consumer = 'test.batch-redelivery'`);
  expect(row.n).toBe(4);
});

const natsUrl = process.env.TEST_NATS_URL;
const buses: Array<[string, () => Promise<EventBus & { cleanUp?: () => Promise<void> }>]> = [
  ['in-process', async () => new InProcessBus()],
  ...(natsUrl
    ? [
        [
          'NATS JetStream',
          async () => {
            const stream = `JC_TEST_BATCH_${process.pid}_${Date.now()}`;
            const bus = await NatsJetStreamBus.connect({ servers: natsUrl, stream, subjectPrefix: stream, ackWaitMs: 2000 });
            return Object.assign(bus, { cleanUp: () => bus.deleteStream() });
          },
        ] as [string, () => Promise<EventBus & { cleanUp?: () => Promise<void> }>],
      ]
    : []),
];

describe.each(buses)('batched consumption on the %s bus', (_name, connect) => {
  // a bus per test: on the in-process bus a consumer stays known after it stopped, and refuses its events
  let bus: EventBus & { cleanUp?: () => Promise<void> };
  beforeEach(async () => {
    bus = await connect();
  });
  afterEach(async () => {
    await bus?.cleanUp?.();
    await bus?.close();
  });

  /**
   * Has the events wait for the consumer together, then subscribes it. JetStream keeps what is
   * published while the consumer is away; the in-process bus refuses that (the relay keeps such
   * events), so there the consumer's first batch is held until every event has queued behind it.
   */
  async function deliverTogether(consumer: string, handler: BatchDeliveryHandler, maxBatch: number, events: EventEnvelope[]): Promise<Subscription> {
    const subscribe = (h: BatchDeliveryHandler) => bus.subscribeBatches(consumer, ['utilisation.recorded'], h, maxBatch);
    if (!bus.publishWaitsForConsumers) {
      await (await subscribe(handler)).stop();
      for (const event of events) await bus.publish(event);
      return subscribe(handler);
    }
    let release!: () => void;
    const allQueued = new Promise<void>((resolve) => (release = resolve));
    const subscription = await subscribe(async (messages) => {
      await allQueued;
      return handler(messages);
    });
    const committed = events.map((event) => bus.publish(event));
    release();
    await Promise.all(committed);
    return subscription;
  }

  it('takes what is waiting in batches of at most maxBatch, each customer in order', async () => {
    const ids = [customer(), customer(), customer()];
    const inbox = digitInbox(`test.batch-order-${_name.replace(/\W/g, '')}`);
    const sizes: number[] = [];
    const counting: BatchDeliveryHandler = (messages) => {
      sizes.push(messages.length);
      return inbox.handleBatch(messages);
    };
    const events = [1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((digit) => ids.map((id) => utilisation(id, digit)));
    const subscription = await deliverTogether(`test.batch-order-${_name.replace(/\W/g, '')}`, counting, 8, events);
    await until(async () => (await Promise.all(ids.map(total))).every((t) => t === 123456789));
    await subscription.stop();
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
  });

  it('parks a poison event of a batch alone while the rest apply', async () => {
    const [a, b, c] = [customer(), customer(), customer()];
    const consumer = `test.batch-poison-${_name.replace(/\W/g, '')}`;
    const inbox = digitInbox(consumer);
    const [poison, laterOfB] = [utilisation(b, POISON), utilisation(b, 5)];
    const subscription = await deliverTogether(consumer, inbox.handleBatch, 10, [utilisation(a, 1), poison, utilisation(c, 3), laterOfB, utilisation(a, 7)]);
    await until(async () => (await total(b)) === 5);
    await subscription.stop();
    expect([await total(a), await total(b), await total(c)]).toEqual([17, 5, 3]);
    const dead = await inbox.deadLetters();
    expect(dead.map((d) => [d.eventId, d.attempts])).toEqual([[poison.id, 2]]);
    // b's later event waited until the poison was parked, however the bus redelivered the two
    expect(await appliedAt(consumer, laterOfB.id)).toBeGreaterThanOrEqual(dead[0]!.parkedAt.getTime());
  });

  it("holds a customer's later events back while an earlier one waits for its retry, one event at a time", async () => {
    const [a, b] = [customer(), customer()];
    const consumer = `test.single-poison-${_name.replace(/\W/g, '')}`;
    const inbox = digitInbox(consumer);
    const [poison, laterOfB] = [utilisation(b, POISON), utilisation(b, 5)];
    // what `subscribe` does on both buses: batches of one
    const subscription = await deliverTogether(consumer, oneAtATime(inbox.handle), 1, [poison, laterOfB, utilisation(a, 1)]);
    await until(async () => (await total(b)) === 5 && (await total(a)) === 1);
    await subscription.stop();
    const dead = (await inbox.deadLetters()).find((d) => d.eventId === poison.id);
    expect(dead?.attempts).toBe(2);
    expect(await appliedAt(consumer, laterOfB.id)).toBeGreaterThanOrEqual(dead!.parkedAt.getTime());
  });
});
