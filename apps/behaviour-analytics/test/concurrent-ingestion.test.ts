import { fixedClock } from '@jc/domain';
import { simulateActivities, toTransactionInput, type TransactionEvent } from '@jc/simulator';
import { TEST_INTERNAL_SECRET, testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { createBehaviourAnalyticsServer, openBehaviourTestDatabase } from '../src';
import { loadBehaviourEventsConfig } from '../src/model/behaviour-events-config';
import { loadLifecycleRules } from '../src/model/lifecycle-rules';
import { DAY_MS } from '../src/model/repayment-history';
import { lockCustomers } from '../src/db/customer-locks';
import { ingestTransactionsIn, recordTransactions } from '../src/services/ingestion';
import { refreshStaleProfiles } from '../src/services/profile-refresh';

// Producers (the API, the utilisation consumer, several ingestion workers) send batches at once,
// and batches close in time share most of their customers. On PostgreSQL each call has its own
// connection, so this is where batches interleave; on the embedded default they queue.
const AS_OF = '2025-07-01T00:00:00Z';
const PRODUCERS = 6;
const BATCH = 300;
const RECORD_TX = 'mutation ($input: [TransactionInput!]!) { recordTransactions(input: $input) }';
const windowsQuery = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id behaviour { windows { days transactionCount spend } } } } }`;

let database: Database;
let server: SubgraphServer;
let events: TransactionEvent[];

beforeAll(async () => {
  const { activities } = simulateActivities({ seed: 'concurrent-ingestion', customers: 40, months: 24, asOf: AS_OF.slice(0, 10) });
  events = [...activities].flatMap((a) => a.transactions).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  database = await openBehaviourTestDatabase();
  server = await createBehaviourAnalyticsServer({ database, internalSecret: TEST_INTERNAL_SECRET, clock: fixedClock(AS_OF) });
});
afterAll(async () => (server ? server.stop() : database?.close()));

it('takes batches sent at once for the same customers without a failure, and every profile counts every event', async () => {
  const errors: unknown[] = [];
  for (let round = 0; round * PRODUCERS * BATCH < events.length; round++) {
    const start = round * PRODUCERS * BATCH;
    const calls = Array.from({ length: PRODUCERS }, (_, p) => events.slice(start + p * BATCH, start + (p + 1) * BATCH)).filter((b) => b.length > 0);
    const results = await Promise.all(
      calls.map((batch) => server.execute({ query: RECORD_TX, variables: { input: batch.map(toTransactionInput) } }, testPrincipals.service)),
    );
    results.forEach((res, i) => (res.errors ? errors.push(res.errors) : expect(res.data?.recordTransactions).toBe(calls[i]!.length)));
  }
  expect(errors).toEqual([]);

  const [stored] = await database.dataSource.query(`SELECT count(*)::int AS n, (SELECT sum(transactions)::int FROM daily_volume) AS volume FROM transactions`);
  expect(stored).toEqual({ n: events.length, volume: events.length });

  // A profile derived by one batch while another held events of the same customer would miss them.
  const customers = [...new Set(events.map((e) => e.customerId))];
  const res = await server.execute({ query: windowsQuery, variables: { r: customers.map((id) => ({ __typename: 'Customer', id })) } }, testPrincipals.analyst);
  expect(res.errors).toBeUndefined();
  const asOf = Date.parse(AS_OF);
  for (const entity of res.data?._entities as { id: string; behaviour: { windows: { days: number; transactionCount: number; spend: string }[] } }[]) {
    for (const w of entity.behaviour.windows) {
      const inWindow = events.filter((e) => e.customerId === entity.id && e.occurredAt.getTime() > asOf - w.days * DAY_MS && e.occurredAt.getTime() <= asOf);
      expect({ id: entity.id, days: w.days, transactionCount: w.transactionCount }).toEqual({ id: entity.id, days: w.days, transactionCount: inWindow.length });
    }
  }
});

it('holds a re-derivation of a customer (the profile refresh) until a batch of theirs has committed, so it cannot overwrite it with stale features', async () => {
  const settings = { rules: loadLifecycleRules(), behaviourEvents: loadBehaviourEventsConfig() };
  const customerId = 'c_00000000000000ee';
  const asOf = new Date(AS_OF);
  const purchase = (n: number) => ({
    eventId: `race-${n}`, customerId, product: 'PAY_LATER' as const, amount: 5_000, merchantCategory: 'GROCERY' as const, channel: 'ONLINE' as const,
    occurredAt: new Date(asOf.getTime() - n * DAY_MS),
  });
  const count365 = async () => {
    const [row] = await database.dataSource.query(`SELECT windows FROM behaviour_profiles WHERE customer_id = $1`, [customerId]);
    const windows = typeof row.windows === 'string' ? JSON.parse(row.windows) : row.windows;
    return (windows as { days: number; transactionCount: number }[]).find((w) => w.days === 365)!.transactionCount;
  };
  await database.dataSource.transaction((m) => ingestTransactionsIn(m, settings, [purchase(10)], fixedClock(asOf)));
  expect(await count365()).toBe(1);

  // A batch that has stored and derived its events but not yet committed ...
  const batch = database.dataSource.createQueryRunner();
  await batch.connect();
  await batch.startTransaction();
  await ingestTransactionsIn(batch.manager, settings, [purchase(3), purchase(2)], fixedClock(asOf));
  // ... while the refresh re-derives the same customer on another connection.
  let refreshed = false;
  // A millisecond later, with no age allowed: every profile is stale to it.
  const refresh = refreshStaleProfiles({ ...settings, dataSource: database.dataSource, clock: fixedClock(new Date(asOf.getTime() + 1)) }, 0).then(() => (refreshed = true));
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(refreshed).toBe(false);
  await batch.commitTransaction();
  await batch.release();
  await refresh;
  expect(await count365()).toBe(3);
});

it('derives a batch that waited for another batch of the customer at a later asOf than that batch announced', async () => {
  const settings = { rules: loadLifecycleRules(), behaviourEvents: loadBehaviourEventsConfig() };
  const customerId = 'c_00000000000000ef';
  const clock = fixedClock(AS_OF);
  const purchase = (n: number) => ({
    eventId: `as-of-${n}`, customerId, product: 'PAY_LATER' as const, amount: 100_000, merchantCategory: 'GROCERY' as const, channel: 'ONLINE' as const,
    occurredAt: new Date(Date.parse(AS_OF) - n * DAY_MS),
  });
  const announcedAsOf = async (): Promise<string[]> => {
    const rows: { envelope: unknown }[] = await database.dataSource.query(
      `SELECT envelope FROM event_outbox WHERE type = 'behaviour.updated' AND envelope->'payload'->>'customerId' = $1 ORDER BY seq`,
      [customerId],
    );
    return rows.map((r) => (typeof r.envelope === 'string' ? JSON.parse(r.envelope) : r.envelope).payload.asOf);
  };

  // One batch holds the customer's locks ...
  const first = database.dataSource.createQueryRunner();
  await first.connect();
  await first.startTransaction();
  await lockCustomers(first.manager, [customerId]);
  // ... when a second batch of theirs arrives and waits for them ...
  clock.advance(1_000);
  const second = recordTransactions({ ...settings, dataSource: database.dataSource, clock }, [purchase(2)]);
  // ... while the first derives and announces the customer (first seen) a second later, and commits later still.
  clock.advance(1_000);
  await ingestTransactionsIn(first.manager, settings, [purchase(3)], clock);
  clock.advance(1_000);
  await first.commitTransaction();
  await first.release();
  expect(await second).toBe(1);

  // The second derived from both batches' events: announced as older, credit-scoring would drop it.
  const at = (ms: number) => new Date(Date.parse(AS_OF) + ms).toISOString();
  expect(await announcedAsOf()).toEqual([at(2_000), at(3_000)]);
});
