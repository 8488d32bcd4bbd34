import { busFromEnv, DEFAULT_RETENTION, EventRetentionConfigError, retentionFromEnv, ServiceEvents } from '../src';

const DAY = 24 * 60 * 60_000;

it('defaults to 7 days for sent outbox rows, inbox rows and the stream, 30 for replayed dead letters, an hourly purge', () => {
  expect(retentionFromEnv({})).toEqual({
    outboxMs: 7 * DAY,
    inboxMs: 7 * DAY,
    deadLetterMs: 30 * DAY,
    streamMaxAgeMs: 7 * DAY,
    streamMaxBytes: null,
    purgeIntervalMs: 60 * 60_000,
  });
  expect(retentionFromEnv({})).toEqual(DEFAULT_RETENTION);
});

it('reads each setting from the environment, fractions of a day included', () => {
  const env = {
    EVENTS_OUTBOX_RETENTION_DAYS: '1.5',
    EVENTS_INBOX_RETENTION_DAYS: '14',
    EVENTS_DEAD_LETTER_RETENTION_DAYS: '90',
    EVENTS_STREAM_MAX_AGE_DAYS: '10',
    EVENTS_STREAM_MAX_BYTES: '1073741824',
    EVENTS_PURGE_INTERVAL_MINUTES: '5',
  };
  expect(retentionFromEnv(env)).toEqual({
    outboxMs: 1.5 * DAY,
    inboxMs: 14 * DAY,
    deadLetterMs: 90 * DAY,
    streamMaxAgeMs: 10 * DAY,
    streamMaxBytes: 1073741824,
    purgeIntervalMs: 5 * 60_000,
  });
});

it.each([
  ['EVENTS_OUTBOX_RETENTION_DAYS', '-1', /EVENTS_OUTBOX_RETENTION_DAYS must be a positive number, got "-1"/],
  ['EVENTS_INBOX_RETENTION_DAYS', 'seven', /EVENTS_INBOX_RETENTION_DAYS must be a positive number/],
  ['EVENTS_DEAD_LETTER_RETENTION_DAYS', '0', /EVENTS_DEAD_LETTER_RETENTION_DAYS must be a positive number/],
  ['EVENTS_STREAM_MAX_AGE_DAYS', 'Infinity', /EVENTS_STREAM_MAX_AGE_DAYS must be a positive number/],
  ['EVENTS_PURGE_INTERVAL_MINUTES', '10m', /EVENTS_PURGE_INTERVAL_MINUTES must be a positive number/],
  ['EVENTS_STREAM_MAX_BYTES', '-5', /EVENTS_STREAM_MAX_BYTES must be a positive whole number/],
  ['EVENTS_STREAM_MAX_BYTES', '1.5', /EVENTS_STREAM_MAX_BYTES must be a positive whole number/],
  ['EVENTS_STREAM_MAX_AGE_DAYS', '8', /EVENTS_INBOX_RETENTION_DAYS must be at least EVENTS_STREAM_MAX_AGE_DAYS/],
])('refuses %s=%s', (name, value, message) => {
  expect(() => retentionFromEnv({ [name]: value })).toThrow(EventRetentionConfigError);
  expect(() => retentionFromEnv({ [name]: value })).toThrow(message);
});

it('fails a service at startup on a bad value: its events and its bus', async () => {
  const before = process.env.EVENTS_INBOX_RETENTION_DAYS;
  process.env.EVENTS_INBOX_RETENTION_DAYS = '-7';
  try {
    expect(() => new ServiceEvents({ dataSource: {} as never })).toThrow(/EVENTS_INBOX_RETENTION_DAYS must be a positive number/);
  } finally {
    if (before === undefined) delete process.env.EVENTS_INBOX_RETENTION_DAYS;
    else process.env.EVENTS_INBOX_RETENTION_DAYS = before;
  }
  await expect(busFromEnv('test', { NATS_URL: 'nats://127.0.0.1:1', EVENTS_STREAM_MAX_AGE_DAYS: 'x' })).rejects.toThrow(/EVENTS_STREAM_MAX_AGE_DAYS/);
});
