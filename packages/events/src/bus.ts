import type { EventEnvelope, EventType } from '@jc/domain';

/** Receives what the bus delivered: a parsed message, not yet trusted (the inbox validates it). */
export type DeliveryHandler = (message: unknown) => Promise<void>;

/**
 * Receives several delivered messages at once, in the order the bus holds them, and answers for
 * each (same order): true when the consumer is done with it (applied, a duplicate, or parked),
 * false to have it delivered again after a back-off.
 */
export type BatchDeliveryHandler = (messages: unknown[]) => Promise<boolean[]>;

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * At-least-once delivery to durable, named consumers: a consumer that is away keeps its place
 * and gets what it missed when it subscribes again; a handler that throws gets the message again
 * later. Deduplication is the consumer's job (the inbox).
 */
export interface EventBus {
  /**
   * Resolves once the bus has taken charge of the event (the relay then marks it sent); rejects if
   * it did not, and the relay sends it again later. JetStream takes charge when it stored the event.
   */
  publish(event: EventEnvelope): Promise<void>;
  /**
   * True when `publish` resolves only after the event's consumers committed it, which can take as
   * long as their retries: a relay must then not hold a transaction (with PGlite, its service's
   * only connection) across it, since those consumers may wait for that relay's own service.
   */
  readonly publishWaitsForConsumers?: boolean;
  /**
   * Names a consumer before it first subscribes, for a bus that keeps nothing for a consumer it
   * does not know: its events are refused (and stay in their outbox) until it subscribes.
   */
  declare?(consumer: string, types: readonly EventType[]): void;
  /** One message at a time, in order. */
  subscribe(consumer: string, types: readonly EventType[], handler: DeliveryHandler): Promise<Subscription>;
  /**
   * Batches of up to `maxBatch` messages, one batch at a time and in order: whatever has arrived
   * while the previous batch was being handled, so an idle consumer still gets each message at once.
   */
  subscribeBatches(consumer: string, types: readonly EventType[], handler: BatchDeliveryHandler, maxBatch: number): Promise<Subscription>;
  close(): Promise<void>;
}

/** Where the production bus publishes platform events: `jc.events.<type>`. */
export const SUBJECT_PREFIX = 'jc.events';

/** Redelivery delay after the n-th failed attempt (1-based): doubling from 100 ms, capped at 30 s. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000, 100 * 2 ** Math.max(0, attempt - 1));
}

/** A single-message handler as a batch handler of batches of one. */
export function oneAtATime(handler: DeliveryHandler): BatchDeliveryHandler {
  return async ([message]) => {
    try {
      await handler(message);
      return [true];
    } catch {
      return [false];
    }
  };
}

/** The customer a message is about: per customer, events must apply in the order they were sent. */
export function customerOf(message: unknown): string {
  const customerId = (message as { payload?: { customerId?: unknown } } | null)?.payload?.customerId;
  return typeof customerId === 'string' ? customerId : '';
}
