import { assertEvent, type EventEnvelope, type EventType } from '@jc/domain';
import { backoffMs, oneAtATime, type BatchDeliveryHandler, type DeliveryHandler, type EventBus, type Subscription } from './bus';

/** An event waiting for one consumer, and the publish waiting for that consumer to commit it. */
interface Delivery {
  event: EventEnvelope;
  committed(): void;
  refused(err: Error): void;
}

interface Consumer {
  name: string;
  types: ReadonlySet<EventType>;
  queue: Delivery[];
  handler: BatchDeliveryHandler | null;
  maxBatch: number;
  running: Promise<void> | null;
  attempts: number;
  timer: NodeJS.Timeout | null;
}

/** Events one consumer may have waiting; past it a publish is refused and its relay retries later. */
export const IN_PROCESS_CAPACITY = 10_000;

const clone = (event: EventEnvelope): EventEnvelope => JSON.parse(JSON.stringify(event)) as EventEnvelope;

/**
 * The embedded default's bus: every service runs in one process, so delivery is a queue per
 * named consumer. The queues live in memory only, so the bus keeps nothing the outbox does not
 * also keep: `publish` resolves only once every consumer of the event has committed it (its
 * handler said it is done), and is refused while one of them is away or its queue is full, so
 * the relay keeps the row and sends it again later. A consumer counts from its declaration or its
 * first subscription on; events of a type nobody consumes resolve at once.
 */
export class InProcessBus implements EventBus {
  readonly publishWaitsForConsumers = true;
  private readonly consumers = new Map<string, Consumer>();
  private closed = false;

  constructor(private readonly capacity = IN_PROCESS_CAPACITY) {}

  declare(name: string, types: readonly EventType[]): void {
    this.consumerNamed(name, types);
  }

  async publish(event: EventEnvelope): Promise<void> {
    if (this.closed) throw new Error('the bus is closed');
    assertEvent(event);
    const targets = [...this.consumers.values()].filter((c) => c.types.has(event.type));
    // refused before anything is queued, so no consumer gets an event the relay will send again
    const away = targets.find((c) => !c.handler);
    if (away) throw new Error(`consumer ${away.name} is not subscribed`);
    const full = targets.find((c) => c.queue.length >= this.capacity);
    if (full) throw new Error(`consumer ${full.name} has ${this.capacity} events waiting`);
    const copy = clone(event);
    await Promise.all(
      targets.map(
        (consumer) =>
          new Promise<void>((committed, refused) => {
            consumer.queue.push({ event: copy, committed, refused });
            this.pump(consumer);
          }),
      ),
    );
  }

  subscribe(name: string, types: readonly EventType[], handler: DeliveryHandler): Promise<Subscription> {
    return this.subscribeBatches(name, types, oneAtATime(handler), 1);
  }

  async subscribeBatches(name: string, types: readonly EventType[], handler: BatchDeliveryHandler, maxBatch: number): Promise<Subscription> {
    if (this.closed) throw new Error('the bus is closed');
    const consumer = this.consumerNamed(name, types);
    if (consumer.handler) throw new Error(`consumer ${name} is already subscribed`);
    consumer.types = new Set(types);
    consumer.handler = handler;
    consumer.maxBatch = Math.max(1, maxBatch);
    return { stop: () => this.unsubscribe(consumer, new Error(`consumer ${name} stopped`)) };
  }

  private consumerNamed(name: string, types: readonly EventType[]): Consumer {
    let consumer = this.consumers.get(name);
    if (!consumer) {
      consumer = { name, types: new Set(types), queue: [], handler: null, maxBatch: 1, running: null, attempts: 0, timer: null };
      this.consumers.set(name, consumer);
    }
    return consumer;
  }

  /** Lets a batch in progress finish, then refuses what is still queued: its relays keep it. */
  private async unsubscribe(consumer: Consumer, reason: Error): Promise<void> {
    consumer.handler = null;
    if (consumer.timer) clearTimeout(consumer.timer);
    consumer.timer = null;
    await consumer.running;
    for (const delivery of consumer.queue.splice(0)) delivery.refused(reason);
    consumer.attempts = 0;
  }

  /**
   * Delivers a consumer's queue in order, a batch at a time; what the handler is not done with
   * stays at the head of the queue (in order) and the consumer waits out a back-off.
   */
  private pump(consumer: Consumer): void {
    if (consumer.running || consumer.timer || !consumer.handler) return;
    consumer.running = this.drain(consumer);
  }

  private async drain(consumer: Consumer): Promise<void> {
    try {
      while (consumer.handler && consumer.queue.length > 0) {
        const batch = consumer.queue.slice(0, consumer.maxBatch);
        const handler = consumer.handler;
        const done = await Promise.resolve()
          .then(() => handler(batch.map((d) => clone(d.event))))
          .catch(() => batch.map(() => false));
        const undone = batch.filter((_, i) => done[i] !== true);
        consumer.queue.splice(0, batch.length, ...undone);
        for (const [i, delivery] of batch.entries()) if (done[i] === true) delivery.committed();
        if (undone.length === 0) {
          consumer.attempts = 0;
          continue;
        }
        consumer.attempts += 1;
        consumer.timer = setTimeout(() => {
          consumer.timer = null;
          this.pump(consumer);
        }, backoffMs(consumer.attempts));
        consumer.timer.unref();
        break;
      }
    } finally {
      // in the same tick as the last check of the queue, so a publish right after still pumps
      consumer.running = null;
    }
  }

  /** Events waiting for a consumer (tests and diagnostics). */
  pending(name: string): number {
    return this.consumers.get(name)?.queue.length ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.consumers.values()].map((c) => this.unsubscribe(c, new Error('the bus is closed'))));
  }
}
