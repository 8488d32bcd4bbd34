import type { EventEnvelope, EventType } from '@jc/domain';

/** Receives what the bus delivered: a parsed message, not yet trusted (the inbox validates it). */
export type DeliveryHandler = (message: unknown) => Promise<void>;

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * At-least-once delivery to durable, named consumers: a consumer that is away keeps its place
 * and gets what it missed when it subscribes again; a handler that throws gets the message again
 * later. Deduplication is the consumer's job (the inbox).
 */
export interface EventBus {
  /** Resolves once the bus has accepted the event; rejects if it did not. */
  publish(event: EventEnvelope): Promise<void>;
  subscribe(consumer: string, types: readonly EventType[], handler: DeliveryHandler): Promise<Subscription>;
  close(): Promise<void>;
}

/** Where the production bus publishes platform events: `jc.events.<type>`. */
export const SUBJECT_PREFIX = 'jc.events';

/** Redelivery delay after the n-th failed attempt (1-based): doubling from 100 ms, capped at 30 s. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000, 100 * 2 ** Math.max(0, attempt - 1));
}
