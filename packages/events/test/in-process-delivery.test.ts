import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@jc/domain';
import type { Database } from '@jc/subgraph-kit';
import { enqueueEvent, Inbox, InProcessBus, newEvent, OutboxRelay, ServiceEvents } from '../src';
import { openEventsTestDatabase, until, utilisation } from './support';

/**
 * The embedded default end to end: outbox → relay → in-process bus → inbox, each service on its own
 * database (on PGlite a pool of one connection, as in `npm start`).
 */
let p: Database;
let q: Database;
beforeAll(async () => {
  [p, q] = await Promise.all([openEventsTestDatabase('events-inproc-p'), openEventsTestDatabase('events-inproc-q')]);
});
afterAll(async () => {
  await p?.close();
  await q?.close();
});

const count = async (db: Database, sql: string): Promise<number> => Number((await db.dataSource.query(sql))[0].n);
const unsent = (db: Database) => count(db, `SELECT count(*) AS n FROM event_outbox WHERE published_at IS NULL`);
/**
 * Makes refused rows due again instead of waiting out their back-off. In the past, not now():
 * the database's clock has microseconds and the relay's milliseconds, so "now" may still be ahead.
 */
const dueNow = (db: Database) => db.dataSource.query(`UPDATE event_outbox SET next_attempt_at = now() - interval '1 minute' WHERE published_at IS NULL`);
const balance = async (db: Database, customerId: string): Promise<number> => {
  const [row] = await db.dataSource.query(`SELECT total::int AS total FROM balances WHERE customer_id = $1`, [customerId]);
  return row?.total ?? 0;
};
const addToBalance = async (event: EventEnvelope<'utilisation.recorded'>, m: EntityManager) => {
  await m.query(
    `INSERT INTO balances (customer_id, total) VALUES ($1, $2) ON CONFLICT (customer_id) DO UPDATE SET total = balances.total + EXCLUDED.total`,
    [event.payload.customerId, event.payload.amount],
  );
};

it('keeps an event in the outbox while its consumer is down, across a restart, and delivers it when the consumer returns', async () => {
  const C = 'c_00000000000000c1';
  const consumer = 'test.inproc-returning';
  const inbox = new Inbox({ dataSource: q.dataSource, consumer, effects: { 'utilisation.recorded': addToBalance } });
  const run = new InProcessBus();
  await (await run.subscribe(consumer, inbox.types, inbox.handle)).stop(); // the consumer went down
  await p.dataSource.transaction(async (m) => {
    for (const amount of [1, 2, 3]) await enqueueEvent(m, utilisation(C, amount), new Date());
  });
  const relay = new OutboxRelay({ dataSource: p.dataSource, bus: run, pollMs: 10 });
  expect(await relay.runOnce()).toBe(0);
  await run.close(); // the process exits; the databases persist
  expect(await unsent(p)).toBe(3);

  // next start: the platform declares its consumers before any relay runs
  const restarted = new InProcessBus();
  restarted.declare(consumer, inbox.types);
  const again = new OutboxRelay({ dataSource: p.dataSource, bus: restarted, pollMs: 10 });
  await dueNow(p);
  expect(await again.runOnce()).toBe(0);
  expect(await unsent(p)).toBe(3);
  const subscription = await restarted.subscribe(consumer, inbox.types, inbox.handle);
  await dueNow(p);
  expect(await again.runOnce()).toBe(3);
  // marked sent only after the consumer committed
  expect(await balance(q, C)).toBe(6);
  await subscription.stop();
  await restarted.close();
});

/** A service that answers each event from the other one with an event one smaller, down to one. */
function bouncer(db: Database, me: string, bus: InProcessBus): ServiceEvents {
  return new ServiceEvents({
    dataSource: db.dataSource,
    bus,
    consumers: [
      {
        name: `test.${me}`,
        effects: {
          'utilisation.recorded': async (event, m) => {
            if (event.source === me) return;
            await addToBalance(event, m);
            if (event.payload.amount > 1) await enqueueEvent(m, bounce(me, event.payload.customerId, event.payload.amount - 1), new Date());
          },
        },
      },
    ],
  });
}
const bounce = (source: string, customerId: string, amount: number) => newEvent('utilisation.recorded', source, utilisation(customerId, amount).payload, new Date());

it('never deadlocks two services whose relays and consumers wait on each other, each on one connection', async () => {
  const C = 'c_00000000000000c2';
  const bus = new InProcessBus();
  // each also consumes its own events (and ignores them), so a relay holding its service's only
  // connection while publishing would wait for itself
  const [ep, eq] = [bouncer(p, 'p', bus), bouncer(q, 'q', bus)];
  await Promise.all([ep.start(), eq.start()]);
  await p.dataSource.transaction((m) => enqueueEvent(m, bounce('p', C, 20), new Date()));
  ep.published();
  // q gets 20, 18, …, 2 and p gets 19, 17, …, 1
  await until(async () => (await balance(q, C)) === 110 && (await balance(p, C)) === 100, 20_000);
  await until(async () => (await unsent(p)) === 0 && (await unsent(q)) === 0);
  await Promise.all([ep.stopRelay(), eq.stopRelay()]);
  await Promise.all([ep.stop(), eq.stop()]);
  await bus.close();
});
