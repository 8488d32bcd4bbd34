/** The shortest wait of a held-back message: it comes back just after the message it waits for. */
const MIN_WAIT_MS = 50;

interface Hold {
  /** Stream position of the customer's earliest message still to be retried. */
  seq: number;
  retryAt: number;
  seenAt: number;
}

/**
 * Keeps each customer's messages in order across redeliveries. JetStream redelivers a message
 * that was not acknowledged on its own schedule, so a customer's later message can come back
 * before the earlier one that failed; while that earlier one waits for its retry, the customer's
 * later messages wait too. Holds live in the subscribing process: one not renewed by a failure
 * within `expireMs` (the failed message went to another instance of the consumer) lapses, so no
 * message waits for ever and order across instances stays best effort.
 */
export class CustomerHolds {
  private readonly holds = new Map<string, Hold>();

  constructor(
    private readonly expireMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The customer's message at `seq` failed and is due again in `retryInMs`. */
  failed(customer: string, seq: number, retryInMs: number): void {
    if (!customer) return;
    const current = this.holds.get(customer);
    if (current && current.seq < seq) return;
    const now = this.now();
    this.holds.set(customer, { seq, retryAt: now + retryInMs, seenAt: now });
  }

  /** The customer's message at `seq` is done with: applied, a duplicate, or parked. */
  done(customer: string, seq: number): void {
    if (this.holds.get(customer)?.seq === seq) this.holds.delete(customer);
  }

  /** How long the customer's message at `seq` must wait for an earlier one of theirs; 0 to go ahead. */
  waitMs(customer: string, seq: number): number {
    const hold = this.holds.get(customer);
    if (!customer || !hold || seq <= hold.seq) return 0;
    const now = this.now();
    if (now - hold.seenAt > this.expireMs) {
      this.holds.delete(customer);
      return 0;
    }
    return Math.max(MIN_WAIT_MS, hold.retryAt - now + MIN_WAIT_MS);
  }

  /** Customers with a message waiting for its retry (tests and diagnostics). */
  get size(): number {
    return this.holds.size;
  }
}
