import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { EventEnvelope } from '@jc/domain';
import { NatsJetStreamBus } from '../src';
import { until, utilisation } from './support';

/** Runs against a real NATS server with JetStream when TEST_NATS_URL is set (CI's second pass). */
const url = process.env.TEST_NATS_URL;
const suite = url ? describe : describe.skip;

suite('NATS JetStream bus', () => {
  const stream = `JC_TEST_${process.pid}_${Date.now()}`;
  let bus: NatsJetStreamBus;

  beforeAll(async () => {
    bus = await NatsJetStreamBus.connect({ servers: url!, stream, subjectPrefix: stream, ackWaitMs: 2000 });
  });
  afterAll(async () => {
    await bus?.close();
    const nc = await connect({ servers: url! });
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
    await nc.close();
  });

  it('creates its stream idempotently and delivers to a durable consumer', async () => {
    const again = await NatsJetStreamBus.connect({ servers: url!, stream, subjectPrefix: stream });
    await again.close();
    const received: string[] = [];
    const sub = await bus.subscribe('test-durable', ['utilisation.recorded'], async (m) => {
      received.push((m as { id: string }).id);
    });
    const event = utilisation('c_00000000000000a1', 100);
    await bus.publish(event);
    await until(() => received.length === 1);
    expect(received).toEqual([event.id]);
    await sub.stop();
  });

  it('stores a re-published event once (deduplicated by event id)', async () => {
    const received: string[] = [];
    const sub = await bus.subscribe('test-dedupe', ['utilisation.recorded'], async (m) => {
      received.push((m as { id: string }).id);
    });
    await until(() => received.length >= 1); // the previous test's event, replayed to a new consumer
    const event = utilisation('c_00000000000000a1', 200);
    await bus.publish(event);
    await bus.publish(event);
    await until(() => received.includes(event.id));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.filter((id) => id === event.id)).toHaveLength(1);
    await sub.stop();
  });

  it('keeps events for a consumer that is down and redelivers what a handler failed', async () => {
    const first = utilisation('c_00000000000000a1', 300);
    let sub = await bus.subscribe('test-offline', ['utilisation.recorded'], async () => undefined);
    await sub.stop();
    await bus.publish(first); // published while the consumer is away
    const seen: string[] = [];
    let failOnce = true;
    sub = await bus.subscribe('test-offline', ['utilisation.recorded'], async (m) => {
      const id = (m as { id: string }).id;
      seen.push(id);
      if (id === first.id && failOnce) {
        failOnce = false;
        throw new Error('transient');
      }
    });
    await until(() => seen.filter((id) => id === first.id).length === 2);
    await sub.stop();
  });

  it("keeps a customer's held-back message ahead of a newer one that arrives once the failed one applied", async () => {
    const customer = 'c_00000000000000a2';
    const [failing, heldBack, newer] = [utilisation(customer, 1), utilisation(customer, 2), utilisation(customer, 3)];
    const applied: number[] = [];
    let failedOnce = false;
    const sub = await bus.subscribeBatches(
      'test-held-order',
      ['utilisation.recorded'],
      async (messages) => {
        const done: boolean[] = [];
        for (const message of messages as Array<EventEnvelope<'utilisation.recorded'>>) {
          if (message.payload.customerId !== customer) done.push(true);
          else if (message.id === failing.id && !failedOnce) {
            // fails once; the customer's next event arrives while it waits for its retry
            failedOnce = true;
            setTimeout(() => void bus.publish(heldBack), 10);
            done.push(false);
          } else if (done.includes(false)) done.push(false);
          else {
            if (!applied.includes(message.payload.amount)) applied.push(message.payload.amount);
            // the customer's next event is published the moment the failed one applied
            if (message.id === failing.id) await bus.publish(newer);
            done.push(true);
          }
        }
        return done;
      },
      10,
    );
    await bus.publish(failing);
    await until(() => applied.length === 3);
    await sub.stop();
    expect(applied).toEqual([1, 2, 3]);
  });
});
