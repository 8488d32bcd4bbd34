import { assertEvent, type EventEnvelope, type EventType } from '@jc/domain';
import { backoffMs, oneAtATime, type BatchDeliveryHandler, type DeliveryHandler, type EventBus, type Subscription } from './bus';

interface Consumer {
  types: ReadonlySet<EventType>;
  queue: EventEnvelope[];
  handler: BatchDeliveryHandler | null;
  maxBatch: number;
  running: boolean;
  attempts: number;
  timer: NodeJS.Timeout | null;
}

/**
 * The embedded default's bus: every service runs in one process, so delivery is a queue per
 * named consumer. The same promises as JetStream where they matter: a consumer that is not
 * subscribed keeps its queue, and a failing handler gets the same event again after a back-off.
 * Events published before a consumer first subscribed are kept (up to `retain`) and replayed to it.
 */
export class InProcessBus implements EventBus {
  private readonly consumers = new Map<string, Consumer>();
  private readonly retained: EventEnvelope[] = [];
  private closed = false;

  constructor(private readonly retain = 10_000) {}

  async publish(event: EventEnvelope): Promise<void> {
    if (this.closed) throw new Error('the bus is closed');
    assertEvent(event);
    const copy = JSON.parse(JSON.stringify(event)) as EventEnvelope;
    this.retained.push(copy);
    if (this.retained.length > this.retain) this.retained.shift();
    for (const consumer of this.consumers.values()) {
      if (!consumer.types.has(copy.type)) continue;
      consumer.queue.push(copy);
      this.pump(consumer);
    }
  }

  subscribe(name: string, types: readonly EventType[], handler: DeliveryHandler): Promise<Subscription> {
    return this.subscribeBatches(name, types, oneAtATime(handler), 1);
  }

  async subscribeBatches(name: string, types: readonly EventType[], handler: BatchDeliveryHandler, maxBatch: number): Promise<Subscription> {
    let consumer = this.consumers.get(name);
    if (!consumer) {
      const wanted = new Set(types);
      consumer = { types: wanted, queue: this.retained.filter((e) => wanted.has(e.type)), handler: null, maxBatch: 1, running: false, attempts: 0, timer: null };
      this.consumers.set(name, consumer);
    }
    if (consumer.handler) throw new Error(`consumer ${name} is already subscribed`);
    consumer.handler = handler;
    consumer.maxBatch = Math.max(1, maxBatch);
    this.pump(consumer);
    const current = consumer;
    return {
      stop: async () => {
        current.handler = null;
        if (current.timer) clearTimeout(current.timer);
        current.timer = null;
        while (current.running) await new Promise((resolve) => setTimeout(resolve, 5));
      },
    };
  }

  /**
   * Delivers a consumer's queue in order, a batch at a time; what the handler is not done with
   * stays at the head of the queue (in order) and the consumer waits out a back-off.
   */
  private pump(consumer: Consumer): void {
    if (consumer.running || consumer.timer || !consumer.handler || this.closed) return;
    consumer.running = true;
    void (async () => {
      while (consumer.handler && consumer.queue.length > 0 && !this.closed) {
        const batch = consumer.queue.slice(0, consumer.maxBatch);
        const done = await consumer.handler(batch.map((e) => JSON.parse(JSON.stringify(e)))).catch(() => batch.map(() => false));
        const undone = batch.filter((_, i) => done[i] !== true);
        consumer.queue.splice(0, batch.length, ...undone);
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
      consumer.running = false;
    })();
  }

  /** Events waiting for a consumer (tests and diagnostics). */
  pending(name: string): number {
    return this.consumers.get(name)?.queue.length ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const consumer of this.consumers.values()) if (consumer.timer) clearTimeout(consumer.timer);
  }
}
