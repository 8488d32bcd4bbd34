import type { EventEnvelope } from '@jc/domain';
import { InProcessBus, type BatchDeliveryHandler } from '../src';
import { until, utilisation } from './support';

/** The in-process bus keeps nothing the outbox does not: publish resolves only once it is safe. */
const TYPES = ['utilisation.recorded'] as const;

/** A handler whose batches wait until `release`; it records what it was handed. */
function gatedHandler(answer: (messages: unknown[]) => boolean[] = (ms) => ms.map(() => true)) {
  const seen: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const handler: BatchDeliveryHandler = async (messages) => {
    await gate;
    seen.push(...messages.map((m) => (m as EventEnvelope).id));
    return answer(messages);
  };
  return { handler, seen, release };
}

/** Whether the promise has settled by the time everything already queued has run. */
async function settled(promise: Promise<unknown>): Promise<'resolved' | 'rejected' | 'pending'> {
  let state: 'resolved' | 'rejected' | 'pending' = 'pending';
  promise.then(() => (state = 'resolved'), () => (state = 'rejected'));
  await new Promise((resolve) => setImmediate(resolve));
  return state;
}

it('refuses an event for a declared consumer that has not subscribed yet, however many came before', async () => {
  const bus = new InProcessBus();
  bus.declare('test.away', TYPES);
  // the audit's case: 10,050 events before the first subscribe used to be accepted and 50 dropped
  for (let i = 0; i < 3; i += 1) await expect(bus.publish(utilisation('c_00000000000000a1', i + 1))).rejects.toThrow('consumer test.away is not subscribed');
  expect(bus.pending('test.away')).toBe(0);
  await bus.close();
});

it('resolves a publish only after every consumer of the event has committed it', async () => {
  const bus = new InProcessBus();
  const [first, second] = [gatedHandler(), gatedHandler()];
  await bus.subscribeBatches('test.first', TYPES, first.handler, 10);
  await bus.subscribeBatches('test.second', TYPES, second.handler, 10);
  const event = utilisation('c_00000000000000a1', 1);
  const publish = bus.publish(event);
  expect(await settled(publish)).toBe('pending');
  first.release();
  await until(() => first.seen.length === 1);
  expect(await settled(publish)).toBe('pending');
  second.release();
  await publish;
  expect([first.seen, second.seen]).toEqual([[event.id], [event.id]]);
  await bus.close();
});

it('keeps a publish waiting while the handler hands the event back, and resolves it once applied', async () => {
  const bus = new InProcessBus();
  let calls = 0;
  await bus.subscribeBatches('test.flaky', TYPES, async (ms) => ms.map(() => (calls += 1) >= 3), 10);
  const publish = bus.publish(utilisation('c_00000000000000a1', 1));
  await until(() => calls === 2);
  expect(await settled(publish)).toBe('pending');
  await publish;
  expect(calls).toBe(3);
  await bus.close();
});

it('refuses what is still queued when its consumer stops, and everything once it is away', async () => {
  const bus = new InProcessBus();
  const gated = gatedHandler();
  const subscription = await bus.subscribeBatches('test.stopping', TYPES, gated.handler, 1);
  const [inFlight, queued] = [bus.publish(utilisation('c_00000000000000a1', 1)), bus.publish(utilisation('c_00000000000000a1', 2))];
  const stopping = subscription.stop();
  gated.release();
  await stopping;
  await expect(inFlight).resolves.toBeUndefined(); // its batch was being applied and committed
  await expect(queued).rejects.toThrow('consumer test.stopping stopped');
  await expect(bus.publish(utilisation('c_00000000000000a1', 3))).rejects.toThrow('not subscribed');
  expect(bus.pending('test.stopping')).toBe(0);
  await bus.close();
});

it('refuses an event when a consumer has a full queue, before queueing it anywhere', async () => {
  const bus = new InProcessBus(2);
  const [slow, fast] = [gatedHandler(), gatedHandler()];
  await bus.subscribeBatches('test.slow', TYPES, slow.handler, 1);
  await bus.subscribeBatches('test.fast', TYPES, fast.handler, 1);
  const accepted = [bus.publish(utilisation('c_00000000000000a1', 1)), bus.publish(utilisation('c_00000000000000a1', 2))];
  await expect(bus.publish(utilisation('c_00000000000000a1', 3))).rejects.toThrow('consumer test.slow has 2 events waiting');
  expect(bus.pending('test.fast')).toBe(2);
  slow.release();
  fast.release();
  await Promise.all(accepted);
  await bus.close();
});

it('refuses what is queued when the bus closes', async () => {
  const bus = new InProcessBus();
  const gated = gatedHandler();
  await bus.subscribeBatches('test.closing', TYPES, gated.handler, 1);
  const [inFlight, queued] = [bus.publish(utilisation('c_00000000000000a1', 1)), bus.publish(utilisation('c_00000000000000a1', 2))];
  const closing = bus.close();
  gated.release();
  await closing;
  await expect(inFlight).resolves.toBeUndefined();
  await expect(queued).rejects.toThrow('the bus is closed');
  await expect(bus.publish(utilisation('c_00000000000000a1', 3))).rejects.toThrow('the bus is closed');
});
