import { NatsJetStreamBus, type Subscription } from '../../src';
import { until, utilisation } from '../support';
import { NATS_SERVER, natsServerInstalled, PrivateNats } from '../support/private-nats';

/**
 * NATS comes back from a restart without its store (a server without a persistent volume, a
 * lost disk): the stream and the durable consumers are gone. The buses that were connected must
 * make them again, or every relay is refused and every consumer waits for ever.
 */
const suite = natsServerInstalled() ? describe : describe.skip;
const skipNote = natsServerInstalled() ? '' : ` (skipped: ${NATS_SERVER} is not installed)`;
const STREAM = 'JC_STORE_LOST';

suite(`NATS restarted without its store${skipNote}`, () => {
  let nats: PrivateNats;
  const buses: NatsJetStreamBus[] = [];
  let subscription: Subscription | undefined;

  beforeAll(async () => {
    nats = await PrivateNats.start();
  });
  afterAll(async () => {
    await subscription?.stop().catch(() => undefined);
    await Promise.all(buses.map((bus) => bus.close().catch(() => undefined)));
    await nats?.destroy();
  });

  it('makes its stream and consumer again, and delivers what is published after', async () => {
    const connect = (name: string) => NatsJetStreamBus.connect({ servers: nats.url, stream: STREAM, subjectPrefix: STREAM, name, ackWaitMs: 2_000 });
    const [relayBus, consumerBus] = await Promise.all([connect('store-lost-relay'), connect('store-lost-consumer')]);
    buses.push(relayBus, consumerBus);
    const received: string[] = [];
    subscription = await consumerBus.subscribe('store-lost.consumer', ['utilisation.recorded'], async (m) => {
      received.push((m as { id: string }).id);
    });
    const before = utilisation('c_00000000000000d1', 1);
    await relayBus.publish(before);
    await until(() => received.includes(before.id));

    await nats.kill('SIGKILL');
    nats.wipeStore();
    await nats.restart();

    // as the relay does: the row stays in the outbox and is sent again until the bus takes it
    const after = utilisation('c_00000000000000d1', 2);
    await until(() => relayBus.publish(after).then(() => true, () => false), 15_000);
    await until(() => received.includes(after.id), 20_000);
    expect(received).toEqual([before.id, after.id]);
  }, 60_000);
});
