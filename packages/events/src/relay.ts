import type { DataSource, EntityManager } from 'typeorm';
import { systemClock, type Clock, type EventEnvelope } from '@jc/domain';
import { backoffMs, type EventBus } from './bus';
import { fromJsonColumn } from './json-column';
import { publishInKeyOrder } from './publish-in-key-order';
import { claimLeased, claimLocked, lockClaims, type PendingRow } from './relay-claim';

export interface RelayOptions {
  dataSource: DataSource;
  bus: EventBus;
  clock?: Clock;
  batchSize?: number;
  /** Poll interval when nothing wakes the relay. */
  pollMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * How long a leased claim (see `runLeased`) keeps other relays off its rows: longer than a pass
 * normally takes, short enough that rows of a relay that died are sent again soon after a restart.
 */
const CLAIM_LEASE_MS = 30_000;

/**
 * Moves committed outbox rows to the bus, oldest first, marking each sent only after the bus
 * acknowledged it. Claims are serialised per outbox and rows claimed with SKIP LOCKED, so several
 * relays never send the same row at once (for a bus whose publish waits for the consumers, by a
 * lease: see `runLeased`). Per ordering key (the customer) no row is published while an earlier
 * one is unsent: a claim skips the rows behind one that waits for its retry, and within a batch a
 * key's rows go one after the other, each once the previous was acknowledged, while different keys
 * go at once. A row the bus refused is retried with back-off; the key's rows behind it wait for it.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly clock: Clock;
  private readonly batchSize: number;
  private readonly pollMs: number;

  constructor(private readonly options: RelayOptions) {
    this.clock = options.clock ?? systemClock;
    // a pass publishes its rows together, so a large batch costs one transaction and about one round trip
    this.batchSize = options.batchSize ?? 500;
    this.pollMs = options.pollMs ?? 200;
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Asks for a pass soon, e.g. right after a transaction that enqueued events committed. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else {
        this.timer = setTimeout(() => this.wake(), this.pollMs);
        this.timer.unref();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.runOnce()) === this.batchSize);
    } catch (err) {
      this.options.onError?.(err);
    }
  }

  /** One batch; returns how many events the bus accepted. */
  async runOnce(): Promise<number> {
    const { dataSource, bus } = this.options;
    if (bus.publishWaitsForConsumers) return this.runLeased();
    // The claim's row locks are held until the bus acknowledged: another relay skips those rows.
    return dataSource.transaction(async (m) => {
      const now = this.clock.now();
      await lockClaims(m);
      return this.publishAndSettle(m, await claimLocked(m, now, this.batchSize), now);
    });
  }

  /**
   * For a bus whose publish waits for the consumers: the rows are claimed by pushing their next
   * attempt past a lease, in one statement, and published with no transaction open, so this
   * service's connection stays free for whatever those consumers wait on. A relay that dies while
   * publishing leaves its rows to be sent again once the lease ran out. The claim's transaction
   * lasts two short statements; the publish holds none.
   */
  private async runLeased(): Promise<number> {
    const { dataSource } = this.options;
    const now = this.clock.now();
    const rows = await dataSource.transaction(async (m) => {
      await lockClaims(m);
      return claimLeased(m, now, this.batchSize, new Date(now.getTime() + CLAIM_LEASE_MS));
    });
    return this.publishAndSettle(dataSource.manager, rows, now);
  }

  /**
   * Publishes the rows (see `publishInKeyOrder`), then marks sent what the bus accepted, backs off
   * what it refused, and puts back, due at once, the rows held behind a refused one: they stay
   * behind it, since a claim skips them until it is sent.
   */
  private async publishAndSettle(m: EntityManager, rows: PendingRow[], now: Date): Promise<number> {
    const { sent, failed, held } = await publishInKeyOrder(rows, (row) => this.options.bus.publish(fromJsonColumn(row.envelope) as EventEnvelope));
    const unsent = [
      ...failed.map(({ row, error }) => ({ seq: row.seq, retryAt: new Date(now.getTime() + backoffMs(row.attempts + 1)), error })),
      ...held.map((row) => ({ seq: row.seq, retryAt: now, error: null })),
    ];
    // a bus outage fails the whole pass: one statement puts every row back with its own back-off
    if (unsent.length > 0)
      await m.query(
        `UPDATE event_outbox o SET attempts = o.attempts + CASE WHEN f.error IS NULL THEN 0 ELSE 1 END,
                next_attempt_at = f.retry_at, last_error = COALESCE(f.error, o.last_error)
           FROM unnest($1::bigint[], $2::timestamptz[], $3::text[]) AS f(seq, retry_at, error) WHERE o.seq = f.seq`,
        [unsent.map((u) => u.seq), unsent.map((u) => u.retryAt), unsent.map((u) => u.error)],
      );
    if (sent.length > 0) await m.query(`UPDATE event_outbox SET published_at = $2 WHERE seq = ANY($1::bigint[])`, [sent.map((row) => row.seq), now]);
    return sent.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
