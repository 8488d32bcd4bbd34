import type { DataSource, EntityManager } from 'typeorm';
import { systemClock, type Clock, type EventEnvelope } from '@jc/domain';
import { backoffMs, type EventBus } from './bus';
import { fromJsonColumn } from './json-column';

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

interface PendingRow {
  seq: string;
  id: string;
  envelope: unknown;
  attempts: number;
}

/**
 * Moves committed outbox rows to the bus, oldest first, marking each sent only after the bus
 * acknowledged it. Rows are claimed with SKIP LOCKED so several relays never send the same row at
 * once (for a bus whose publish waits for the consumers, by a lease: see `runLeased`). A batch is
 * published at once and its acknowledgements awaited together (rather than one round trip per
 * row); a row the bus refused is retried with back-off, so after a failure a later row may reach
 * the bus before it: consumers already take redelivered and late events in stride.
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
      const rows: PendingRow[] = await m.query(
        `SELECT seq, id, envelope, attempts FROM event_outbox
          WHERE published_at IS NULL AND next_attempt_at <= $1
          ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, this.batchSize],
      );
      return this.publishAndSettle(m, rows, now);
    });
  }

  /**
   * For a bus whose publish waits for the consumers: the rows are claimed by pushing their next
   * attempt past a lease, in one statement, and published with no transaction open, so this
   * service's connection stays free for whatever those consumers wait on. A relay that dies while
   * publishing leaves its rows to be sent again once the lease ran out.
   */
  private async runLeased(): Promise<number> {
    const now = this.clock.now();
    const rows: PendingRow[] = await this.options.dataSource.query(
      `WITH claimed AS (
         SELECT seq FROM event_outbox WHERE published_at IS NULL AND next_attempt_at <= $1
          ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED),
       leased AS (
         UPDATE event_outbox o SET next_attempt_at = $3 FROM claimed WHERE o.seq = claimed.seq
         RETURNING o.seq, o.id, o.envelope, o.attempts)
       SELECT * FROM leased ORDER BY seq`,
      [now, this.batchSize, new Date(now.getTime() + CLAIM_LEASE_MS)],
    );
    return this.publishAndSettle(this.options.dataSource.manager, rows, now);
  }

  /** Publishes the rows together, then marks sent what the bus accepted and backs off the rest. */
  private async publishAndSettle(m: EntityManager, rows: PendingRow[], now: Date): Promise<number> {
    // Published together, acknowledged together: one connection keeps them in order on the bus.
    const outcomes = await Promise.allSettled(rows.map((row) => this.options.bus.publish(fromJsonColumn(row.envelope) as EventEnvelope)));
    const sent = rows.filter((_, i) => outcomes[i]!.status === 'fulfilled').map((row) => row.seq);
    const failed = rows.flatMap((row, i) => {
      const outcome = outcomes[i]!;
      return outcome.status === 'rejected' ? [{ row, error: String((outcome.reason as Error)?.message ?? outcome.reason).slice(0, 500) }] : [];
    });
    // a bus outage fails the whole pass: one statement puts every row back with its own back-off
    if (failed.length > 0)
      await m.query(
        `UPDATE event_outbox o SET attempts = o.attempts + 1, next_attempt_at = f.retry_at, last_error = f.error
           FROM unnest($1::bigint[], $2::timestamptz[], $3::text[]) AS f(seq, retry_at, error) WHERE o.seq = f.seq`,
        [failed.map((f) => f.row.seq), failed.map((f) => new Date(now.getTime() + backoffMs(f.row.attempts + 1))), failed.map((f) => f.error)],
      );
    if (sent.length > 0) await m.query(`UPDATE event_outbox SET published_at = $2 WHERE seq = ANY($1::bigint[])`, [sent, now]);
    return sent.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
