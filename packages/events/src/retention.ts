const DAY_MS = 24 * 60 * 60_000;

/** How long events are kept, and how often the purge looks (see README, "Retention"). */
export interface EventRetention {
  /** Sent outbox rows, counted from when they were sent. Unsent rows are never purged. */
  outboxMs: number;
  /** Inbox rows (the ids a consumer applied), counted from when they were applied. */
  inboxMs: number;
  /** Dead letters that were replayed, counted from the replay. Unresolved ones are never purged. */
  deadLetterMs: number;
  /** JetStream's max_age: messages older than this leave the stream, acknowledged or not. */
  streamMaxAgeMs: number;
  /** JetStream's max_bytes; null for no limit. A full stream refuses publishes (the outbox keeps them). */
  streamMaxBytes: number | null;
  purgeIntervalMs: number;
}

export const DEFAULT_RETENTION: Readonly<EventRetention> = {
  outboxMs: 7 * DAY_MS,
  inboxMs: 7 * DAY_MS,
  deadLetterMs: 30 * DAY_MS,
  streamMaxAgeMs: 7 * DAY_MS,
  streamMaxBytes: null,
  purgeIntervalMs: 60 * 60_000,
};

export class EventRetentionConfigError extends Error {
  override readonly name = 'EventRetentionConfigError';
}

/** A positive number from the environment, or the default when the variable is unset or empty. */
function positive(env: NodeJS.ProcessEnv, name: string, unitMs: number, fallbackMs: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallbackMs;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new EventRetentionConfigError(`${name} must be a positive number, got "${env[name]}"`);
  return value * unitMs;
}

/**
 * Reads the retention from EVENTS_* variables (defaults in DEFAULT_RETENTION) and refuses a bad
 * value at startup rather than purging by it. The inbox must outlive the stream: a message still in
 * the stream can be delivered again (an ack lost, a consumer back after an outage), and only the
 * inbox row tells that it was applied.
 */
export function retentionFromEnv(env: NodeJS.ProcessEnv = process.env): EventRetention {
  const maxBytes = env.EVENTS_STREAM_MAX_BYTES?.trim();
  if (maxBytes && !(/^[1-9][0-9]*$/.test(maxBytes) && Number.isSafeInteger(Number(maxBytes)))) throw new EventRetentionConfigError(`EVENTS_STREAM_MAX_BYTES must be a positive whole number of bytes, got "${maxBytes}"`);
  const retention: EventRetention = {
    outboxMs: positive(env, 'EVENTS_OUTBOX_RETENTION_DAYS', DAY_MS, DEFAULT_RETENTION.outboxMs),
    inboxMs: positive(env, 'EVENTS_INBOX_RETENTION_DAYS', DAY_MS, DEFAULT_RETENTION.inboxMs),
    deadLetterMs: positive(env, 'EVENTS_DEAD_LETTER_RETENTION_DAYS', DAY_MS, DEFAULT_RETENTION.deadLetterMs),
    streamMaxAgeMs: positive(env, 'EVENTS_STREAM_MAX_AGE_DAYS', DAY_MS, DEFAULT_RETENTION.streamMaxAgeMs),
    streamMaxBytes: maxBytes ? Number(maxBytes) : null,
    purgeIntervalMs: positive(env, 'EVENTS_PURGE_INTERVAL_MINUTES', 60_000, DEFAULT_RETENTION.purgeIntervalMs),
  };
  if (retention.inboxMs < retention.streamMaxAgeMs)
    throw new EventRetentionConfigError(
      'EVENTS_INBOX_RETENTION_DAYS must be at least EVENTS_STREAM_MAX_AGE_DAYS: a message still in the stream can be delivered again, and only its inbox row stops it applying twice',
    );
  return retention;
}
