import type { DataSource } from 'typeorm';
import { systemClock, type Clock } from '@jc/domain';
import type { EventBus, Subscription } from './bus';
import { Inbox, readDeadLetters, type DeadLetter, type DeadLetterPosition, type InboxOptions } from './inbox';
import { EventPurger, type PurgeCounts } from './purge';
import { OutboxRelay } from './relay';
import { retentionFromEnv, type EventRetention } from './retention';

export interface ConsumerSpec {
  /** Durable consumer name, unique across the platform, e.g. "limit-allocation.scores". */
  name: string;
  effects?: InboxOptions['effects'];
  batchEffects?: InboxOptions['batchEffects'];
}

/**
 * Events a consumer applies per transaction at most: under load, whatever arrived while the
 * previous batch was applied goes together, so commits and per-customer work stay few; idle, an
 * event is applied on its own at once.
 */
export const CONSUMER_BATCH = 250;

export interface ServiceEventsOptions {
  dataSource: DataSource;
  /** Without a bus, events stay in the outbox and nothing is consumed (single-service tests). */
  bus?: EventBus | null;
  consumers?: readonly ConsumerSpec[];
  clock?: Clock;
  maxAttempts?: number;
  /** See CONSUMER_BATCH. */
  maxBatch?: number;
  /** Told when the relay fails (it retries) and when an event is parked; a pino logger fits. */
  logger?: EventLogger;
  /** What the background purge keeps; by default read from EVENTS_* (a bad value throws here, at startup). */
  retention?: EventRetention;
  /** Wait before the first purge after `start` (default a minute). */
  firstPurgeAfterMs?: number;
}

export interface EventLogger {
  info?(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * A service's whole part in the event backbone: the relay that publishes its outbox, one inbox
 * per consumer, and the purge that trims both. Services call `published()` after a transaction
 * that enqueued events, so the relay sends them at once instead of at its next poll.
 */
export class ServiceEvents {
  private readonly relay: OutboxRelay | null;
  private readonly purger: EventPurger;
  private readonly inboxes = new Map<string, Inbox>();
  private subscriptions: Subscription[] = [];

  constructor(private readonly options: ServiceEventsOptions) {
    const clock = options.clock ?? systemClock;
    const { logger } = options;
    const onError = (err: unknown) => logger?.warn({ err }, 'event relay failed; retrying');
    this.relay = options.bus ? new OutboxRelay({ dataSource: options.dataSource, bus: options.bus, clock, onError }) : null;
    this.purger = new EventPurger({
      dataSource: options.dataSource,
      retention: options.retention ?? retentionFromEnv(),
      clock,
      firstRunAfterMs: options.firstPurgeAfterMs,
      onPurged: (counts) => logger?.info?.({ purged: counts }, 'old events purged'),
      onError: (err) => logger?.warn({ err }, 'event purge failed; trying again at its next run'),
    });
    for (const spec of options.consumers ?? []) {
      this.inboxes.set(
        spec.name,
        new Inbox({
          dataSource: options.dataSource,
          consumer: spec.name,
          effects: spec.effects,
          batchEffects: spec.batchEffects,
          clock,
          maxAttempts: options.maxAttempts,
          // An effect may enqueue events of its own (a rescore announces the new score).
          afterCommit: () => this.published(),
          onParked: (eventId, error) => logger?.error({ consumer: spec.name, eventId, error }, 'event parked as a dead letter'),
        }),
      );
    }
    // Known to the bus before any relay runs, so an event for one not yet subscribed is kept, not missed.
    for (const [name, inbox] of this.inboxes) options.bus?.declare?.(name, inbox.types);
  }

  get consumerNames(): string[] {
    return [...this.inboxes.keys()];
  }

  async start(): Promise<void> {
    this.purger.start();
    const bus = this.options.bus;
    if (!bus) return;
    const maxBatch = this.options.maxBatch ?? CONSUMER_BATCH;
    for (const [name, inbox] of this.inboxes) this.subscriptions.push(await bus.subscribeBatches(name, inbox.types, inbox.handleBatch, maxBatch));
    this.relay!.start();
  }

  published(): void {
    this.relay?.wake();
  }

  /** Purges now what retention no longer keeps (the background purge does so periodically). */
  purge(): Promise<PurgeCounts> {
    return this.purger.runOnce();
  }

  private inbox(consumer: string): Inbox {
    const inbox = this.inboxes.get(consumer);
    if (!inbox) throw new UnknownConsumerError(consumer, this.consumerNames);
    return inbox;
  }

  /** Hands a raw message to a consumer exactly as its bus would (parking it if it is invalid). */
  deliver(consumer: string, message: unknown): Promise<void> {
    return this.inbox(consumer).handle(message);
  }

  /** Parked events of every consumer of this service (or of one), by event id then consumer. */
  deadLetters(limit: number, consumer?: string, after?: DeadLetterPosition): Promise<DeadLetter[]> {
    if (consumer) this.inbox(consumer); // refuses an unknown consumer
    return readDeadLetters(this.options.dataSource, consumer ? [consumer] : this.consumerNames, limit, after);
  }

  replay(consumer: string, eventId: string): Promise<'APPLIED' | 'ALREADY_APPLIED'> {
    return this.inbox(consumer).replay(eventId);
  }

  /**
   * Stops publishing; the consumers keep going. A platform running several services on one bus
   * stops every relay before any consumer, so that events already on their way are still applied
   * instead of being refused and sent again at the next start.
   */
  stopRelay(): Promise<void> {
    return this.relay?.stop() ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    await Promise.all([this.stopRelay(), this.purger.stop()]);
    await Promise.all(this.subscriptions.map((s) => s.stop()));
    this.subscriptions = [];
  }
}

export class UnknownConsumerError extends Error {
  override readonly name = 'UnknownConsumerError';
  constructor(consumer: string, known: string[]) {
    super(`unknown consumer "${consumer}"; this service has ${known.join(', ') || 'none'}`);
  }
}
