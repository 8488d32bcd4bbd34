import { connect } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  jetstream,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  StorageType,
  type ConsumerConfig,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type StreamConfig,
} from '@nats-io/jetstream';
import { assertEvent, type EventEnvelope, type EventType } from '@jc/domain';
import { CustomerHolds } from './customer-holds';
import { DEFAULT_RETENTION } from './retention';
import { backoffMs, customerOf, oneAtATime, SUBJECT_PREFIX, type BatchDeliveryHandler, type DeliveryHandler, type EventBus, type Subscription } from './bus';

type NatsConnection = Awaited<ReturnType<typeof connect>>;

export interface NatsBusOptions {
  servers: string;
  /** Stream holding every platform event; created or updated at start. */
  stream?: string;
  /** Subjects are `<prefix>.<event type>`; a stream owns its prefix, so tests use their own. */
  subjectPrefix?: string;
  /** Connection name, shown by the server. */
  name?: string;
  ackWaitMs?: number;
  /** The stream's max_age (default DEFAULT_RETENTION's); keep the consumers' inboxes at least this long. */
  maxAgeMs?: number;
  /** The stream's max_bytes; none by default. */
  maxBytes?: number | null;
}

const NANOS_PER_MS = 1_000_000;
/** How long JetStream drops a second publish of one event id; the inbox catches what comes later. */
const DUPLICATE_WINDOW_MS = 2 * 60_000;

/**
 * The stream as this bus wants it. Messages leave it after `maxAgeMs`, acknowledged or not; a
 * stream at `maxBytes` refuses new publishes (discard new) instead of dropping the oldest
 * messages, which a consumer may not have had yet: the relay keeps refused events and retries.
 */
export function streamConfigFor(prefix: string, maxAgeMs: number, maxBytes: number | null): Partial<StreamConfig> {
  return {
    subjects: [`${prefix}.>`],
    storage: StorageType.File,
    max_age: maxAgeMs * NANOS_PER_MS,
    max_bytes: maxBytes ?? -1,
    discard: DiscardPolicy.New,
    // JetStream refuses a duplicate window longer than max_age
    duplicate_window: Math.min(DUPLICATE_WINDOW_MS, maxAgeMs) * NANOS_PER_MS,
  };
}

/**
 * Creates the stream, or updates it when a setting this bus owns differs (a platform started with
 * new retention settings); an unchanged stream is left alone.
 */
export async function ensureStream(jsm: JetStreamManager, name: string, config: Partial<StreamConfig>): Promise<'created' | 'updated' | 'unchanged'> {
  let current: Partial<StreamConfig>;
  try {
    current = (await jsm.streams.info(name)).config;
  } catch (err) {
    if (!isStreamNotFound(err)) throw err;
    await jsm.streams.add({ name, ...config });
    return 'created';
  }
  const differs = (Object.keys(config) as Array<keyof StreamConfig>).some((key) => JSON.stringify(current[key]) !== JSON.stringify(config[key]));
  if (!differs) return 'unchanged';
  await jsm.streams.update(name, config);
  return 'updated';
}
/** Batches read ahead of the one being handled: enough to fill the next batch, few enough that none waits out its ack deadline. */
const READ_AHEAD_BATCHES = 2;

/**
 * How long a pull waits on the server. It also paces the client's checks for a consumer the
 * server lost (made again in `subscribeBatches`): every half to one and a half times this.
 */
const PULL_EXPIRES_MS = 5_000;

const isStreamNotFound = (err: unknown): boolean => err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound;

const parse = (message: JsMsg): unknown => {
  try {
    return message.json();
  } catch {
    return { unreadable: message.string() };
  }
};

/**
 * JetStream durable names allow no '.', '*', '>' or whitespace, but platform consumer names are
 * `<service>.<purpose>`; those characters become '_' (names are few and chosen by us, so they
 * stay distinct).
 */
export function durableName(consumer: string): string {
  return consumer.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The production bus: one JetStream stream with file storage, a durable consumer per service,
 * explicit acks, redelivery with back-off, and publish deduplication by event id (so a relay that
 * publishes the same outbox row twice stores it once).
 */
export class NatsJetStreamBus implements EventBus {
  private connected = true;
  private restoring: Promise<boolean> | null = null;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly stream: string,
    private readonly streamConfig: Partial<StreamConfig>,
    private readonly ackWaitMs: number,
    private readonly prefix: string,
  ) {
    void this.trackConnection();
  }

  private async trackConnection(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') this.connected = false;
      else if (status.type === 'reconnect') this.connected = true;
    }
  }

  private subject(type: EventType): string {
    return `${this.prefix}.${type}`;
  }

  static async connect(options: NatsBusOptions): Promise<NatsJetStreamBus> {
    const nc = await connect({ servers: options.servers, name: options.name ?? 'joint-credit', maxReconnectAttempts: -1 });
    const jsm = await jetstreamManager(nc);
    const stream = options.stream ?? 'JOINT_CREDIT_EVENTS';
    const prefix = options.subjectPrefix ?? SUBJECT_PREFIX;
    const config = streamConfigFor(prefix, options.maxAgeMs ?? DEFAULT_RETENTION.streamMaxAgeMs, options.maxBytes ?? null);
    try {
      await ensureStream(jsm, stream, config);
    } catch (err) {
      await nc.close();
      throw err;
    }
    return new NatsJetStreamBus(nc, jetstream(nc), jsm, stream, config, options.ackWaitMs ?? 30_000, prefix);
  }

  /**
   * Makes the stream again if the server lost it (it came back from a restart without its store);
   * true when it did. Concurrent callers share one check.
   */
  private restoreStream(): Promise<boolean> {
    this.restoring ??= (async () => {
      try {
        await this.jsm.streams.info(this.stream);
        return false;
      } catch (err) {
        if (!isStreamNotFound(err)) return false;
        await this.jsm.streams.add({ name: this.stream, ...this.streamConfig });
        return true;
      }
    })()
      .catch(() => false)
      .finally(() => (this.restoring = null));
    return this.restoring;
  }

  async publish(event: EventEnvelope): Promise<void> {
    assertEvent(event);
    // Waiting out the publish timeout while the server is away would hold the relay's
    // transaction (and, on embedded PGlite, the service's only connection) for seconds per row.
    if (!this.connected) throw new Error('NATS is disconnected; reconnecting');
    const send = () => this.js.publish(this.subject(event.type), JSON.stringify(event), { msgID: event.id });
    try {
      await send();
    } catch (err) {
      // a server that lost its store has no stream to take the event: make it again, then send
      if (!(await this.restoreStream())) throw err;
      await send();
    }
  }

  subscribe(consumer: string, types: readonly EventType[], handler: DeliveryHandler): Promise<Subscription> {
    return this.subscribeBatches(consumer, types, oneAtATime(handler), 1);
  }

  async subscribeBatches(consumer: string, types: readonly EventType[], handler: BatchDeliveryHandler, maxBatch: number): Promise<Subscription> {
    const durable = durableName(consumer);
    const consumerConfig: Partial<ConsumerConfig> = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      // One subject filters on the server; several are filtered here, since multi-subject
      // filters need NATS 2.10 and Debian's server may be older.
      filter_subject: types.length === 1 ? this.subject(types[0]!) : `${this.prefix}.>`,
      ack_wait: this.ackWaitMs * NANOS_PER_MS,
      max_deliver: -1,
    };
    await this.jsm.consumers.add(this.stream, consumerConfig);
    const size = Math.max(1, maxBatch);
    const messages = await (await this.js.consumers.get(this.stream, durable)).consume({ max_messages: Math.max(64, size), expires: PULL_EXPIRES_MS });
    // A server back from a restart without its store lost the stream and this consumer; the
    // client keeps looking for them (and pulls again once they are there), so make them again.
    void (async () => {
      for await (const status of messages.status()) {
        if (status.type !== 'consumer_not_found' && status.type !== 'stream_not_found') continue;
        await this.restoreStream();
        await this.jsm.consumers.add(this.stream, consumerConfig).catch(() => undefined);
      }
    })().catch(() => undefined);
    const wanted = new Set(types.map((t) => this.subject(t)));
    // The reader fills `waiting` while the handler works on the batch before; each wakes the other.
    const waiting: JsMsg[] = [];
    const holds = new CustomerHolds();
    let ended = false;
    let wakeHandler = () => {};
    let wakeReader = () => {};
    const reader = (async () => {
      for await (const message of messages) {
        if (!wanted.has(message.subject)) {
          message.ack();
          continue;
        }
        waiting.push(message);
        wakeHandler();
        while (waiting.length >= READ_AHEAD_BATCHES * size && !ended) await new Promise<void>((resolve) => (wakeReader = resolve));
      }
      ended = true;
      wakeHandler();
    })();
    const handling = (async () => {
      while (!ended) {
        if (waiting.length === 0) {
          await new Promise<void>((resolve) => (wakeHandler = resolve));
          continue;
        }
        // Redeliveries can arrive out of stream order; the stream's order is the order sent.
        const batch = waiting.splice(0, size).sort((x, y) => x.seq - y.seq);
        wakeReader();
        const items = batch.map((message) => {
          const event = parse(message);
          return { message, event, customer: customerOf(event) };
        });
        const ready: typeof items = [];
        for (const item of items) {
          const wait = holds.waitMs(item.customer, item.message.seq);
          if (wait > 0) {
            // handed back too: the customer's messages after it wait for it in turn
            holds.failed(item.customer, item.message.seq, wait);
            item.message.nak(wait);
          } else {
            // back and handled now, so no longer out: the customer's next ones in this batch go with it
            holds.done(item.customer, item.message.seq);
            ready.push(item);
          }
        }
        if (ready.length === 0) continue;
        const done = await handler(ready.map((item) => item.event)).catch(() => ready.map(() => false));
        ready.forEach(({ message, customer }, i) => {
          if (done[i] === true) {
            message.ack();
            holds.done(customer, message.seq);
          } else {
            const retryInMs = backoffMs(message.info.deliveryCount);
            holds.failed(customer, message.seq, retryInMs);
            message.nak(retryInMs);
          }
        });
      }
      // Read but not handled: back to the server at once rather than after the ack deadline.
      for (const message of waiting.splice(0)) message.nak();
    })();
    return {
      stop: async () => {
        ended = true;
        wakeReader();
        wakeHandler();
        await messages.close();
        await Promise.all([reader, handling]);
      },
    };
  }

  /** Removes the stream with every event and consumer in it: for test runs that made their own. */
  async deleteStream(): Promise<void> {
    await this.jsm.streams.delete(this.stream).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.nc.drain();
  }
}
