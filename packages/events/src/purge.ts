import type { DataSource } from 'typeorm';
import { systemClock, type Clock } from '@jc/domain';
import type { EventRetention } from './retention';

/** Rows one statement deletes at most: each statement is short, so it never holds its locks long. */
export const PURGE_BATCH = 10_000;
/** Statements per table per run at most, so one run stays bounded after a long time without any. */
export const PURGE_MAX_BATCHES = 100;

export interface PurgeCounts {
  outbox: number;
  failures: number;
  inbox: number;
  deadLetters: number;
}

interface Target {
  table: keyof PurgeCounts;
  cutoff: ((retention: EventRetention, now: Date) => Date) | null;
  /** Deletes up to $2 rows older than $1 (or, without a cutoff, up to $1 rows), returning how many. */
  sql: string;
}

/**
 * The rows to go are picked (and locked) first, as an array, then deleted by key or row address:
 * with `IN (subquery)` the planner may join against a scan of the whole table.
 */
const deleted = (rows: string) => `WITH d AS (${rows} RETURNING 1) SELECT count(*)::int AS n FROM d`;
const before = (ms: number, now: Date) => new Date(now.getTime() - ms);

const TARGETS: Target[] = [
  {
    table: 'outbox',
    cutoff: (r, now) => before(r.outboxMs, now),
    sql: deleted(`DELETE FROM event_outbox WHERE seq = ANY(ARRAY(SELECT seq FROM event_outbox WHERE published_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED))`),
  },
  {
    // retry counts of events that were applied in the end: their inbox row answers any redelivery.
    // Before the inbox rows go, or they would be left with nothing to match.
    table: 'failures',
    cutoff: null,
    sql: deleted(
      `DELETE FROM event_failures WHERE ctid = ANY(ARRAY(
         SELECT f.ctid FROM event_failures f JOIN event_inbox i ON i.consumer = f.consumer AND i.event_id = f.event_id
          LIMIT $1 FOR UPDATE OF f SKIP LOCKED))`,
    ),
  },
  {
    table: 'inbox',
    cutoff: (r, now) => before(r.inboxMs, now),
    sql: deleted(`DELETE FROM event_inbox WHERE ctid = ANY(ARRAY(SELECT ctid FROM event_inbox WHERE processed_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED))`),
  },
  {
    // replayed only: a dead letter nobody resolved stays until someone does
    table: 'deadLetters',
    cutoff: (r, now) => before(r.deadLetterMs, now),
    sql: deleted(
      `DELETE FROM event_dead_letters WHERE ctid = ANY(ARRAY(SELECT ctid FROM event_dead_letters WHERE replayed_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED))`,
    ),
  },
];

export interface PurgeOptions {
  batchSize?: number;
  maxBatches?: number;
}

/**
 * Deletes what retention no longer keeps, in statements of at most `batchSize` rows, each its own
 * transaction; other queries (on PGlite, on the one connection) get their turn between them.
 */
export async function purgeEvents(dataSource: DataSource, retention: EventRetention, now: Date, options: PurgeOptions = {}): Promise<PurgeCounts> {
  const batchSize = options.batchSize ?? PURGE_BATCH;
  const maxBatches = options.maxBatches ?? PURGE_MAX_BATCHES;
  const counts: PurgeCounts = { outbox: 0, failures: 0, inbox: 0, deadLetters: 0 };
  for (const { table, cutoff, sql } of TARGETS) {
    const params = cutoff ? [cutoff(retention, now), batchSize] : [batchSize];
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const [{ n }] = await dataSource.query(sql, params);
      counts[table] += n;
      if (n < batchSize) break;
    }
  }
  return counts;
}

export interface EventPurgerOptions extends PurgeOptions {
  dataSource: DataSource;
  retention: EventRetention;
  clock?: Clock;
  /** Wait before the first run; a service restarted often still purges. */
  firstRunAfterMs?: number;
  onPurged?: (counts: PurgeCounts) => void;
  onError?: (err: unknown) => void;
}

/** Runs `purgeEvents` every `retention.purgeIntervalMs` in the background of a service. */
export class EventPurger {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(private readonly options: EventPurgerOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(Math.min(this.options.firstRunAfterMs ?? 60_000, this.options.retention.purgeIntervalMs));
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.runOnce()
        .catch((err) => this.options.onError?.(err))
        .finally(() => {
          this.running = null;
          this.schedule(this.options.retention.purgeIntervalMs);
        });
    }, ms);
    this.timer.unref();
  }

  async runOnce(): Promise<PurgeCounts> {
    const { dataSource, retention, clock = systemClock } = this.options;
    const counts = await purgeEvents(dataSource, retention, clock.now(), this.options);
    if (Object.values(counts).some((n) => n > 0)) this.options.onPurged?.(counts);
    return counts;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
