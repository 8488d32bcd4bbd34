import type { DataSource, EntityManager } from 'typeorm';
import { eventProblems, systemClock, type Clock, type EventEnvelope, type EventType } from '@jc/domain';
import { customerOf, type BatchDeliveryHandler, type DeliveryHandler } from './bus';
import { fromJsonColumn, toJsonColumn, toTextColumn } from './json-column';

export type EventEffect<T extends EventType = EventType> = (event: EventEnvelope<T>, manager: EntityManager) => Promise<void>;
/**
 * The effect of several events of one type at once, in delivery order, in one transaction: the
 * same outcome as applying them one by one, but free to read and write set-based and to act once
 * per customer where only the latest state matters.
 */
export type BatchEffect<T extends EventType = EventType> = (events: EventEnvelope<T>[], manager: EntityManager) => Promise<void>;

export interface InboxOptions {
  dataSource: DataSource;
  /** Durable consumer name, unique per service and purpose, e.g. "limit-allocation.scores". */
  consumer: string;
  effects?: Partial<{ [T in EventType]: EventEffect<T> }>;
  /** Types applied set-based; a single event goes through the same effect as a batch of one. */
  batchEffects?: Partial<{ [T in EventType]: BatchEffect<T> }>;
  /** Failed attempts before an event is parked as a dead letter. */
  maxAttempts?: number;
  clock?: Clock;
  /** Called after an effect committed (e.g. to wake an outbox relay). */
  afterCommit?: (event: EventEnvelope) => void;
  onParked?: (eventId: string, error: string) => void;
}

export interface DeadLetter {
  consumer: string;
  eventId: string;
  type: string | null;
  message: unknown;
  error: string;
  attempts: number;
  parkedAt: Date;
  replayedAt: Date | null;
}

/** The longest id a dead letter is stored under; a message with a longer id, or none, gets one made up. */
export const MAX_DEAD_LETTER_ID = 100;

/** Where a page of dead letters ends: they are listed by event id, then consumer. */
export interface DeadLetterPosition {
  eventId: string;
  consumer: string;
}

const idOf = (message: unknown): string => {
  const id = (message as { id?: unknown } | null)?.id;
  const stored = typeof id === 'string' ? toTextColumn(id) : '';
  return stored.length > 0 && stored.length <= MAX_DEAD_LETTER_ID ? stored : `invalid-${Date.now()}-${Math.random().toString(36).slice(2)}`;
};

/**
 * Applies each event at most once: the event id is recorded in the same transaction as the
 * event's effect, so a redelivery finds it and changes nothing. An effect that keeps failing is
 * retried by the bus until `maxAttempts`, then parked in event_dead_letters (and acknowledged) so
 * it cannot block the events behind it; an ADMIN can list and replay it.
 */
export class Inbox {
  readonly types: EventType[];
  private readonly clock: Clock;
  private readonly maxAttempts: number;

  constructor(private readonly options: InboxOptions) {
    this.types = [...new Set([...Object.keys(options.effects ?? {}), ...Object.keys(options.batchEffects ?? {})])] as EventType[];
    this.clock = options.clock ?? systemClock;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /** The bus handler: resolves when the event is applied, was a duplicate, or was parked. */
  readonly handle: DeliveryHandler = async (message) => {
    const problems = eventProblems(message);
    if (problems.length > 0) return this.park(message, `contract violation: ${problems.join('; ')}`, 1);
    try {
      await this.apply(message as EventEnvelope);
    } catch (err) {
      const error = String((err as Error)?.message ?? err).slice(0, 1000);
      const attempts = await this.recordFailure((message as EventEnvelope).id, error);
      if (attempts >= this.maxAttempts) return this.park(message, error, attempts);
      throw err;
    }
  };

  /**
   * The batch handler: valid events apply in one transaction; if that fails, each is handled on its
   * own, so only the failing event is retried (and in the end parked) while the others apply. A
   * customer's events after a failed one of theirs wait with it, keeping each customer's order.
   */
  readonly handleBatch: BatchDeliveryHandler = async (messages) => {
    if (messages.length > 1) {
      try {
        const invalid = new Set(messages.filter((m) => eventProblems(m).length > 0));
        await this.applyAll(messages.filter((m) => !invalid.has(m)) as EventEnvelope[]);
        // each is parked with its validation error by the single-event path
        for (const message of invalid) await this.handle(message);
        return messages.map(() => true);
      } catch {
        // one at a time below
      }
    }
    const blocked = new Set<string>();
    const done: boolean[] = [];
    for (const message of messages) {
      const customer = customerOf(message);
      const ok = !blocked.has(customer) && (await this.handle(message).then(() => true, () => false));
      if (!ok) blocked.add(customer);
      done.push(ok);
    }
    return done;
  };

  /** Applies the event unless this consumer already has; true when it was applied now. */
  async apply(event: EventEnvelope): Promise<boolean> {
    return (await this.applyAll([event])).length > 0;
  }

  /**
   * Applies, in one transaction, those of the events this consumer has not applied yet, recording
   * every id in the inbox; consecutive events of one type go to its effect together. Returns the
   * events applied now.
   */
  async applyAll(events: readonly EventEnvelope[]): Promise<EventEnvelope[]> {
    const { effects = {}, batchEffects = {} } = this.options;
    const known = events.filter((e) => effects[e.type] || batchEffects[e.type]);
    if (known.length === 0) return [];
    const applied = await this.options.dataSource.transaction(async (m) => {
      const inserted: Array<{ event_id: string }> = await m.query(
        `INSERT INTO event_inbox (consumer, event_id, type, processed_at)
         SELECT $1, id, type, $4 FROM unnest($2::text[], $3::text[]) AS e(id, type)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.consumer, known.map((e) => e.id), known.map((e) => e.type), this.clock.now()],
      );
      const fresh = new Set(inserted.map((r) => r.event_id));
      // A redelivery inside the same batch is applied once, at its first place.
      const todo = known.filter((e) => fresh.delete(e.id));
      for (let start = 0; start < todo.length; ) {
        let end = start + 1;
        while (end < todo.length && todo[end]!.type === todo[start]!.type) end += 1;
        const run = todo.slice(start, end);
        const batchEffect = batchEffects[run[0]!.type] as BatchEffect | undefined;
        if (batchEffect) await batchEffect(run, m);
        else for (const event of run) await (effects[event.type] as EventEffect)(event, m);
        start = end;
      }
      return todo;
    });
    for (const event of applied) this.options.afterCommit?.(event);
    return applied;
  }

  private async recordFailure(eventId: string, error: string): Promise<number> {
    const [row] = await this.options.dataSource.query(
      `INSERT INTO event_failures (consumer, event_id, attempts, last_error) VALUES ($1, $2, 1, $3)
       ON CONFLICT (consumer, event_id) DO UPDATE SET attempts = event_failures.attempts + 1, last_error = EXCLUDED.last_error
       RETURNING attempts`,
      [this.options.consumer, eventId, toTextColumn(error)],
    );
    return Number(row.attempts);
  }

  /**
   * Stores the message as received, except for what PostgreSQL cannot hold (see toJsonColumn):
   * parking must not fail on content, or the bus would redeliver the message for ever.
   */
  private async park(message: unknown, error: string, attempts: number): Promise<void> {
    const eventId = idOf(message);
    const type = typeof (message as { type?: unknown })?.type === 'string' ? toTextColumn((message as { type: string }).type) : null;
    await this.options.dataSource.query(
      `INSERT INTO event_dead_letters (consumer, event_id, type, message, error, attempts, parked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (consumer, event_id) DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, parked_at = EXCLUDED.parked_at, replayed_at = NULL`,
      [this.options.consumer, eventId, type, toJsonColumn(message), toTextColumn(error), attempts, this.clock.now()],
    );
    this.options.onParked?.(eventId, error);
  }

  deadLetters(limit = 50, after?: DeadLetterPosition): Promise<DeadLetter[]> {
    return readDeadLetters(this.options.dataSource, [this.options.consumer], limit, after);
  }

  /**
   * Runs a parked event again (after the cause was fixed). Valid events go through the inbox, so
   * replaying twice still applies once; the dead letter is marked replayed only if it succeeded,
   * and one marked so is not run again (its inbox row is kept for less time than the dead letter).
   */
  async replay(eventId: string): Promise<'APPLIED' | 'ALREADY_APPLIED'> {
    const [row] = await this.options.dataSource.query(`SELECT message, replayed_at FROM event_dead_letters WHERE consumer = $1 AND event_id = $2`, [this.options.consumer, eventId]);
    if (!row) throw new NoDeadLetterError(`no dead letter ${eventId} for ${this.options.consumer}`);
    // marked replayed only after it applied; its inbox row may be purged before the dead letter is
    if (row.replayed_at) return 'ALREADY_APPLIED';
    const message = fromJsonColumn(row.message);
    const problems = eventProblems(message);
    if (problems.length > 0) throw new UnreplayableEventError(`cannot replay an invalid event: ${problems.join('; ')}`);
    const applied = await this.apply(message as EventEnvelope);
    await this.options.dataSource.query(`UPDATE event_dead_letters SET replayed_at = $3 WHERE consumer = $1 AND event_id = $2`, [this.options.consumer, eventId, this.clock.now()]);
    await this.options.dataSource.query(`DELETE FROM event_failures WHERE consumer = $1 AND event_id = $2`, [this.options.consumer, eventId]);
    return applied ? 'APPLIED' : 'ALREADY_APPLIED';
  }
}

/** Parked events of the given consumers in one query, by event id then consumer (those after `after`). */
export async function readDeadLetters(dataSource: DataSource, consumers: readonly string[], limit: number, after?: DeadLetterPosition): Promise<DeadLetter[]> {
  const rows: Record<string, unknown>[] = await dataSource.query(
    `SELECT consumer, event_id, type, message, error, attempts, parked_at, replayed_at FROM event_dead_letters
      WHERE consumer = ANY($1::text[]) AND ($2::text IS NULL OR (event_id, consumer) > ($2, $3)) ORDER BY event_id, consumer LIMIT $4`,
    [consumers, after?.eventId ?? null, after?.consumer ?? null, limit],
  );
  return rows.map((r) => ({
    consumer: r.consumer as string,
    eventId: r.event_id as string,
    type: (r.type as string | null) ?? null,
    message: fromJsonColumn(r.message),
    error: r.error as string,
    attempts: Number(r.attempts),
    parkedAt: new Date(r.parked_at as string),
    replayedAt: r.replayed_at ? new Date(r.replayed_at as string) : null,
  }));
}

export class NoDeadLetterError extends Error {
  override readonly name = 'NoDeadLetterError';
}

/** A parked event that broke its contract stays parked: replaying cannot make it valid. */
export class UnreplayableEventError extends Error {
  override readonly name = 'UnreplayableEventError';
}
