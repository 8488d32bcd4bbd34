/** The shortest wait of a held-back message: it comes back just after the message it waits for. */
const MIN_WAIT_MS = 50;

interface Out {
  /** When the message is due back. */
  retryAt: number;
  seenAt: number;
}

/**
 * Keeps each customer's messages in order across redeliveries. JetStream redelivers a message
 * that was not acknowledged on its own schedule, so a customer's later message can come back
 * before an earlier one; while any earlier message of the customer is out (handed back: failed,
 * or itself held back), the customer's later messages wait too. Every message handed back is
 * tracked, not only the earliest failed one: otherwise a message held back behind a failure could
 * be overtaken by a newer one arriving just after the failed one applied. Holds live in the
 * subscribing process: one not renewed within `expireMs` (the message went to another instance
 * of the consumer) lapses, so no message waits for ever and order across instances stays best
 * effort.
 */
export class CustomerHolds {
  /** Per customer, the stream positions of their messages handed back and not yet done with. */
  private readonly holds = new Map<string, Map<number, Out>>();

  constructor(
    private readonly expireMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The customer's message at `seq` was handed back (failed, or held back) and is due again in `retryInMs`. */
  failed(customer: string, seq: number, retryInMs: number): void {
    if (!customer) return;
    let out = this.holds.get(customer);
    if (!out) this.holds.set(customer, (out = new Map()));
    const now = this.now();
    out.set(seq, { retryAt: now + retryInMs, seenAt: now });
  }

  /** The customer's message at `seq` is done with: applied, a duplicate, or parked. */
  done(customer: string, seq: number): void {
    const out = this.holds.get(customer);
    if (!out) return;
    out.delete(seq);
    if (out.size === 0) this.holds.delete(customer);
  }

  /** How long the customer's message at `seq` must wait for earlier ones of theirs; 0 to go ahead. */
  waitMs(customer: string, seq: number): number {
    const out = this.holds.get(customer);
    if (!customer || !out) return 0;
    const now = this.now();
    let dueAt = -Infinity;
    for (const [earlier, hold] of out) {
      if (now - hold.seenAt > this.expireMs) out.delete(earlier);
      else if (earlier < seq) dueAt = Math.max(dueAt, hold.retryAt);
    }
    if (out.size === 0) this.holds.delete(customer);
    return dueAt === -Infinity ? 0 : Math.max(MIN_WAIT_MS, dueAt - now + MIN_WAIT_MS);
  }

  /** Customers with a message handed back and not yet done with (tests and diagnostics). */
  get size(): number {
    return this.holds.size;
  }
}
