import type { Database } from '@jc/subgraph-kit';
import { enqueueEvent, Inbox, NatsJetStreamBus, OutboxRelay, type Subscription } from '../../src';
import { until, utilisation } from '../support';
import { FAULT_CONSUMER, FAULT_STREAM, FAULT_SUBJECT_PREFIX } from '../support/fault-stream';
import { appliedCounts, appliedIds, openFaultTestDatabase, recordApplied } from '../support/fault-tables';
import { NATS_SERVER, natsServerInstalled, PrivateNats } from '../support/private-nats';

/**
 * NATS crashes while a producer keeps committing events, then comes back: the outbox keeps what
 * could not be sent, the relay sends it later, and the consumer applies every event exactly once.
 */
const TRANSACTIONS = 100;
const EVENTS_PER_TRANSACTION = 3;
const KILL_AT = 30;
const RESTART_AT = 70;
const MIN_DOWNTIME_MS = 1_500;

const suite = natsServerInstalled() ? describe : describe.skip;
const skipNote = natsServerInstalled() ? '' : ` (skipped: ${NATS_SERVER} is not installed)`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

suite(`NATS killed and restarted while events keep arriving${skipNote}`, () => {
  let nats: PrivateNats;
  let producer: Database;
  let consumer: Database;
  const buses: NatsJetStreamBus[] = [];
  let relay: OutboxRelay | undefined;
  let subscription: Subscription | undefined;

  beforeAll(async () => {
    nats = await PrivateNats.start();
    [producer, consumer] = await Promise.all([openFaultTestDatabase('faults-nats-producer'), openFaultTestDatabase('faults-nats-consumer')]);
  });
  afterAll(async () => {
    await subscription?.stop().catch(() => undefined);
    await relay?.stop();
    await Promise.all(buses.map((bus) => bus.close().catch(() => undefined)));
    await nats?.destroy();
    await producer?.close();
    await consumer?.close();
  });

  it('delivers every event committed before, during and after the outage, each applied once', async () => {
    // Relay and consumer have their own connections, as they would in separate services.
    const connect = (name: string) => NatsJetStreamBus.connect({ servers: nats.url, stream: FAULT_STREAM, subjectPrefix: FAULT_SUBJECT_PREFIX, name, ackWaitMs: 2_000 });
    const [relayBus, consumerBus] = await Promise.all([connect('faults-relay'), connect('faults-consumer')]);
    buses.push(relayBus, consumerBus);
    relay = new OutboxRelay({ dataSource: producer.dataSource, bus: relayBus, pollMs: 50 });
    relay.start();
    const inbox = new Inbox({ dataSource: consumer.dataSource, consumer: FAULT_CONSUMER, effects: { 'utilisation.recorded': recordApplied } });
    subscription = await consumerBus.subscribe(FAULT_CONSUMER, inbox.types, inbox.handle);

    const enqueued: string[] = [];
    let killedAt = 0;
    for (let t = 0; t < TRANSACTIONS; t += 1) {
      if (t === KILL_AT) {
        await nats.kill('SIGKILL');
        killedAt = Date.now();
      }
      if (t === RESTART_AT) {
        await pause(MIN_DOWNTIME_MS - (Date.now() - killedAt));
        await nats.restart();
      }
      await producer.dataSource.transaction(async (m) => {
        for (let e = 0; e < EVENTS_PER_TRANSACTION; e += 1) {
          const event = utilisation('c_00000000000000a1', 100 + t);
          await enqueueEvent(m, event, new Date());
          enqueued.push(event.id);
        }
      });
      relay.wake();
      await pause(25);
    }

    const n = TRANSACTIONS * EVENTS_PER_TRANSACTION;
    await until(async () => (await appliedCounts(consumer.dataSource)).distinct === n, 45_000);
    // Redeliveries still in flight would show as extra rows; give them a moment to land.
    await pause(500);
    expect(await appliedCounts(consumer.dataSource)).toEqual({ total: n, distinct: n });
    expect(await appliedIds(consumer.dataSource)).toEqual(new Set(enqueued));
    const [outbox] = await producer.dataSource.query(
      `SELECT count(*)::int AS total, count(published_at)::int AS published, count(*) FILTER (WHERE attempts > 0)::int AS retried FROM event_outbox`,
    );
    expect(outbox).toMatchObject({ total: n, published: n });
    // The relay did meet the outage (and recovered from it), so the path above was exercised.
    expect(outbox.retried).toBeGreaterThan(0);
  });
});
