import { connect } from '@nats-io/transport-node';
import { DiscardPolicy, jetstreamManager, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { ensureStream, NatsJetStreamBus, streamConfigFor } from '../src';
import { utilisation } from './support';

/** Runs against a real NATS server with JetStream when TEST_NATS_URL is set (CI's second pass). */
const url = process.env.TEST_NATS_URL;
const suite = url ? describe : describe.skip;

const DAY = 24 * 60 * 60_000;
const NANOS_PER_MS = 1_000_000;

suite('JetStream stream retention', () => {
  const stream = `JC_TEST_RETAIN_${process.pid}_${Date.now()}`;
  let nc: Awaited<ReturnType<typeof connect>>;
  let jsm: JetStreamManager;
  beforeAll(async () => {
    nc = await connect({ servers: url! });
    jsm = await jetstreamManager(nc);
  });
  afterAll(async () => {
    await jsm?.streams.delete(stream).catch(() => undefined);
    await nc?.close();
  });

  it('creates the stream with max_age and max_bytes, and updates it only when they differ', async () => {
    // a stream as an earlier version made it: no limits at all
    await jsm.streams.add({ name: stream, subjects: [`${stream}.>`], storage: StorageType.File });
    const bus = await NatsJetStreamBus.connect({ servers: url!, stream, subjectPrefix: stream, maxAgeMs: 3 * DAY });
    await bus.close();
    let { config } = await jsm.streams.info(stream);
    expect(config).toMatchObject({ max_age: 3 * DAY * NANOS_PER_MS, max_bytes: -1, discard: DiscardPolicy.New, duplicate_window: 2 * 60_000 * NANOS_PER_MS });

    expect(await ensureStream(jsm, stream, streamConfigFor(stream, 3 * DAY, null))).toBe('unchanged');
    expect(await ensureStream(jsm, stream, streamConfigFor(stream, 2 * DAY, 64 * 1024 * 1024))).toBe('updated');
    ({ config } = await jsm.streams.info(stream));
    expect(config).toMatchObject({ max_age: 2 * DAY * NANOS_PER_MS, max_bytes: 64 * 1024 * 1024 });
  });

  it('refuses a publish into a full stream rather than dropping what consumers may not have had', async () => {
    const full = `${stream}_FULL`;
    const bus = await NatsJetStreamBus.connect({ servers: url!, stream: full, subjectPrefix: full, maxBytes: 2048 });
    try {
      const published: boolean[] = [];
      for (let i = 0; i < 12; i += 1) published.push(await bus.publish(utilisation('c_00000000000000f1', i + 1)).then(() => true, () => false));
      expect(published[0]).toBe(true);
      expect(published.at(-1)).toBe(false);
      const { state } = await jsm.streams.info(full);
      expect(state.first_seq).toBe(1);
    } finally {
      await bus.deleteStream();
      await bus.close();
    }
  });
});
