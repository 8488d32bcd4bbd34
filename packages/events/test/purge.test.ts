import type { Database } from '@jc/subgraph-kit';
import { DEFAULT_RETENTION, EventPurger, Inbox, purgeEvents, ServiceEvents, type EventRetention } from '../src';
import { openEventsTestDatabase, until, utilisation } from './support';

let db: Database;
beforeAll(async () => {
  db = await openEventsTestDatabase('events-purge');
});
afterAll(async () => db?.close());

const DAY = 24 * 60 * 60_000;
const NOW = new Date('2026-12-01T12:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const retention: EventRetention = { ...DEFAULT_RETENTION, outboxMs: 7 * DAY, inboxMs: 7 * DAY, deadLetterMs: 30 * DAY };

async function outbox(id: string, createdDaysAgo: number, sentDaysAgo: number | null): Promise<void> {
  const event = JSON.stringify({ ...utilisation('c_00000000000000e1', 1), id });
  await db.dataSource.query(
    `INSERT INTO event_outbox (id, type, envelope, created_at, published_at, next_attempt_at) VALUES ($1, 'utilisation.recorded', $2, $3, $4, $3)`,
    [id, event, ago(createdDaysAgo), sentDaysAgo === null ? null : ago(sentDaysAgo)],
  );
}
const inbox = (consumer: string, id: string, daysAgo: number) =>
  db.dataSource.query(`INSERT INTO event_inbox (consumer, event_id, type, processed_at) VALUES ($1, $2, 'utilisation.recorded', $3)`, [consumer, id, ago(daysAgo)]);
const failure = (consumer: string, id: string) =>
  db.dataSource.query(`INSERT INTO event_failures (consumer, event_id, attempts, last_error) VALUES ($1, $2, 2, 'boom')`, [consumer, id]);
const deadLetter = (consumer: string, id: string, parkedDaysAgo: number, replayedDaysAgo: number | null) =>
  db.dataSource.query(
    `INSERT INTO event_dead_letters (consumer, event_id, type, message, error, attempts, parked_at, replayed_at) VALUES ($1, $2, 'utilisation.recorded', '{}', 'boom', 5, $3, $4)`,
    [consumer, id, ago(parkedDaysAgo), replayedDaysAgo === null ? null : ago(replayedDaysAgo)],
  );
const ids = async (sql: string): Promise<string[]> => ((await db.dataSource.query(sql)) as Array<{ id: string }>).map((r) => r.id).sort();

const clear = () => db.dataSource.query(`TRUNCATE event_outbox, event_inbox, event_failures, event_dead_letters`);
beforeEach(clear);

it('deletes only what is old enough and in a state that may go, and never an unresolved dead letter', async () => {
  await outbox('sent-old', 9, 8);
  await outbox('sent-recent', 9, 6); // created long ago, but sent within the week
  await outbox('unsent-ancient', 90, null);
  await inbox('c1', 'applied-old', 8);
  await inbox('c1', 'applied-recent', 6);
  await inbox('c1', 'retried-then-applied', 1);
  await failure('c1', 'retried-then-applied');
  await failure('c1', 'still-retrying');
  await deadLetter('c1', 'parked-ancient', 400, null);
  await deadLetter('c1', 'replayed-old', 40, 31);
  await deadLetter('c1', 'replayed-recent', 40, 29);

  expect(await purgeEvents(db.dataSource, retention, NOW)).toEqual({ outbox: 1, failures: 1, inbox: 1, deadLetters: 1 });
  expect(await ids(`SELECT id FROM event_outbox`)).toEqual(['sent-recent', 'unsent-ancient']);
  expect(await ids(`SELECT event_id AS id FROM event_inbox`)).toEqual(['applied-recent', 'retried-then-applied']);
  expect(await ids(`SELECT event_id AS id FROM event_failures`)).toEqual(['still-retrying']);
  expect(await ids(`SELECT event_id AS id FROM event_dead_letters`)).toEqual(['parked-ancient', 'replayed-recent']);
});

it('deletes in statements of at most the batch size, and at most maxBatches of them per table in a run', async () => {
  for (let i = 0; i < 5; i += 1) await outbox(`old-${i}`, 10, 10);
  for (let i = 0; i < 5; i += 1) await inbox('c2', `old-${i}`, 10);
  const query = jest.spyOn(db.dataSource, 'query');
  try {
    expect(await purgeEvents(db.dataSource, retention, NOW, { batchSize: 2, maxBatches: 2 })).toMatchObject({ outbox: 4, inbox: 4 });
    const deletes = query.mock.calls.filter(([sql]) => /DELETE FROM event_(outbox|inbox) /.test(sql));
    expect(deletes).toHaveLength(4);
    expect(deletes.every(([, params]) => (params as unknown[]).at(-1) === 2)).toBe(true);
    query.mockClear();
    expect(await purgeEvents(db.dataSource, retention, NOW, { batchSize: 2 })).toMatchObject({ outbox: 1, inbox: 1 });
    // one statement each: fewer rows than a batch means nothing is left
    expect(query.mock.calls.filter(([sql]) => /DELETE FROM event_outbox /.test(sql))).toHaveLength(1);
  } finally {
    query.mockRestore();
  }
  expect(await ids(`SELECT id FROM event_outbox`)).toEqual([]);
});

it('runs in the background of a service on its clock and retention, and stops with it', async () => {
  await outbox('sent-old', 9, 8);
  await outbox('sent-recent', 1, 1);
  const events = new ServiceEvents({ dataSource: db.dataSource, clock: { now: () => NOW }, retention: { ...retention, purgeIntervalMs: 50 }, firstPurgeAfterMs: 10 });
  await events.start();
  await until(async () => (await ids(`SELECT id FROM event_outbox`)).length === 1);
  await events.stop();
  expect(await ids(`SELECT id FROM event_outbox`)).toEqual(['sent-recent']);

  const purger = new EventPurger({ dataSource: db.dataSource, retention, clock: { now: () => new Date(NOW.getTime() + 7 * DAY) } });
  expect(await purger.runOnce()).toMatchObject({ outbox: 1 });
});

it('does not apply a replayed dead letter again once its inbox row was purged', async () => {
  const applied: string[] = [];
  let broken = true;
  const consumer = 'test.purged-replay';
  const inboxOf = new Inbox({
    dataSource: db.dataSource,
    consumer,
    maxAttempts: 1,
    clock: { now: () => ago(10) },
    effects: {
      'utilisation.recorded': async (event) => {
        if (broken) throw new Error('broken');
        applied.push(event.id);
      },
    },
  });
  const event = utilisation('c_00000000000000e2', 5);
  await inboxOf.handle(event);
  broken = false;
  expect(await inboxOf.replay(event.id)).toBe('APPLIED');
  expect(await purgeEvents(db.dataSource, retention, NOW)).toMatchObject({ inbox: 1, deadLetters: 0 });
  expect(await inboxOf.replay(event.id)).toBe('ALREADY_APPLIED');
  expect(applied).toEqual([event.id]);
});
