import { createLogger, TEST_INTERNAL_SECRET, testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { fixedClock, formatMoney } from '@jc/domain';
import { DEFAULT_AS_OF, demoLine, generatePopulation } from '@jc/simulator';
import { createBehaviourAnalyticsServer, openBehaviourTestDatabase } from '../src';
import { seedDemoProfiles } from '../src/db/seed-demo';

let database: Database;
let server: SubgraphServer;
const logger = createLogger('test', 'silent');

beforeAll(async () => {
  database = await openBehaviourTestDatabase();
  server = await createBehaviourAnalyticsServer({ database, internalSecret: TEST_INTERNAL_SECRET, clock: fixedClock('2026-11-30T00:00:00Z') });
  await seedDemoProfiles(database, 'seed-test', 40, logger);
});
afterAll(async () => (server ? server.stop() : database?.close()));

it('derives the demo population from simulated events through the bulk path', async () => {
  const [counts] = await database.dataSource.query(
    `SELECT (SELECT count(*) FROM transactions)::int AS tx, (SELECT count(*) FROM repayments)::int AS rp,
            (SELECT count(*) FROM behaviour_profiles)::int AS profiles, (SELECT count(DISTINCT lifecycle_stage) FROM behaviour_profiles)::int AS stages`,
  );
  expect(counts.tx).toBeGreaterThan(100);
  expect(counts.rp).toBeGreaterThan(10);
  expect(counts.profiles).toBeGreaterThan(20);
  expect(counts.stages).toBeGreaterThan(1);
  const [asOf] = await database.dataSource.query(`SELECT DISTINCT as_of FROM behaviour_profiles`);
  expect(new Date(asOf.as_of).toISOString()).toBe(`${DEFAULT_AS_OF}T00:00:00.000Z`);
});

it('dates the demo stage histories over its months, each change from the stage before', async () => {
  const rows: { customer_id: string; from_stage: string | null; to_stage: string; changed_at: Date }[] = await database.dataSource.query(
    `SELECT customer_id, from_stage, to_stage, changed_at FROM stage_changes ORDER BY customer_id, id`,
  );
  const byCustomer = new Map<string, typeof rows>();
  for (const r of rows) byCustomer.set(r.customer_id, [...(byCustomer.get(r.customer_id) ?? []), r]);
  for (const changes of byCustomer.values()) {
    expect(changes[0]!.from_stage).toBeNull();
    changes.slice(1).forEach((c, i) => {
      expect(c.from_stage).toBe(changes[i]!.to_stage);
      expect(new Date(c.changed_at).getTime()).toBeGreaterThan(new Date(changes[i]!.changed_at).getTime());
    });
  }
  expect([...byCustomer.values()].filter((changes) => changes.length > 1).length).toBeGreaterThan(5);
  const days = new Set(rows.map((r) => new Date(r.changed_at).toISOString()));
  expect(days.size).toBeGreaterThan(3);
  expect([...days].every((d) => d <= `${DEFAULT_AS_OF}T00:00:00.000Z`)).toBe(true);
});

it('serves statements that show use and repayment for a demo customer', async () => {
  const ids = generatePopulation({ seed: 'seed-test', customers: 40 }).map((c) => c.id);
  const res = await server.execute({
    query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { statements(last: 6) { delinquencyStatus statementBalance } } } }',
    variables: { r: ids.map((id) => ({ __typename: 'Customer', id })) },
  }, testPrincipals.analyst);
  expect(res.errors).toBeUndefined();
  const statuses = res.data?._entities.flatMap((c: { statements: { delinquencyStatus: number }[] }) => c.statements.map((s) => s.delinquencyStatus));
  expect(statuses).toContain(-1);
  expect(statuses).toContain(-2);
});

it('records the region of every demo customer from the simulated population', async () => {
  const population = generatePopulation({ seed: 'seed-test', customers: 40 });
  const rows: { customer_id: string; region: string }[] = await database.dataSource.query(`SELECT customer_id, region FROM customer_regions ORDER BY customer_id`);
  expect(rows.map((r) => [r.customer_id, r.region])).toEqual(population.map((c) => [c.id, c.region]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
  const res = await server.execute({ query: '{ segmentSummary(groupBy: REGION) { key customers } }' }, testPrincipals.analyst);
  expect(res.errors).toBeUndefined();
  const keys = res.data?.segmentSummary.map((s: { key: string }) => s.key);
  expect(keys).not.toContain('UNKNOWN');
  expect(keys.length).toBeGreaterThan(1);
});

it('keeps event bounds fed by transaction and repayment batches equal to a recount of the raw rows', async () => {
  const [row] = await database.dataSource.query(`
    WITH recount AS (
      SELECT customer_id, min(first_tx) AS first_tx, min(first_use) AS first_use, max(last_tx) AS last_tx, min(first_repayment) AS first_repayment FROM (
        SELECT customer_id, min(occurred_at) AS first_tx, min(occurred_at) FILTER (WHERE product <> 'OTHER') AS first_use, max(occurred_at) AS last_tx, NULL::timestamptz AS first_repayment
        FROM transactions GROUP BY 1
        UNION ALL
        SELECT customer_id, NULL, NULL, NULL, min(least(due_date, paid_at)) FROM repayments GROUP BY 1) e
      GROUP BY 1)
    SELECT (SELECT count(*) FROM recount)::int AS customers,
           (SELECT count(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM customer_event_bounds) d)::int AS missing,
           (SELECT count(*) FROM (SELECT * FROM customer_event_bounds EXCEPT SELECT * FROM recount) d)::int AS extra`);
  expect(row.customers).toBeGreaterThan(20);
  expect([row.missing, row.extra]).toEqual([0, 0]);
});

it('does nothing when the database already holds data', async () => {
  const before = await database.dataSource.query(`SELECT count(*)::int AS n FROM transactions`);
  await seedDemoProfiles(database, 'another-seed', 5, logger);
  expect(await database.dataSource.query(`SELECT count(*)::int AS n FROM transactions`)).toEqual(before);
});

it('dates the demo from the day it is given, so its customers are current on that day', async () => {
  const other = await openBehaviourTestDatabase();
  try {
    await seedDemoProfiles(other, 'seed-test', 40, logger, '2026-11-30');
    const [row] = await other.dataSource.query(
      `SELECT max(occurred_at) AS last, (SELECT min(as_of) FROM behaviour_profiles) AS first_as_of, (SELECT max(as_of) FROM behaviour_profiles) AS last_as_of,
              (SELECT count(*) FROM behaviour_profiles WHERE lifecycle_stage = 'ACTIVE')::int AS active
       FROM transactions`,
    );
    expect([new Date(row.first_as_of).toISOString(), new Date(row.last_as_of).toISOString()]).toEqual(['2026-11-30T00:00:00.000Z', '2026-11-30T00:00:00.000Z']);
    expect(Date.parse('2026-11-30T00:00:00Z') - new Date(row.last).getTime()).toBeLessThan(7 * 86_400_000);
    expect(row.active).toBeGreaterThan(0);
  } finally {
    await other.close();
  }
});

it('draws the demo statements against the demo lines the limits service opens', async () => {
  const population = generatePopulation({ seed: 'seed-test', customers: 40 });
  const res = await server.execute({
    query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id statements(last: 1) { limit } } } }',
    variables: { r: population.map((c) => ({ __typename: 'Customer', id: c.id })) },
  }, testPrincipals.analyst);
  expect(res.errors).toBeUndefined();
  const limits = res.data?._entities.map((c: { statements: { limit: string }[] }) => c.statements[0]?.limit);
  expect(limits).toEqual(population.map((c) => formatMoney(demoLine(c).jointLimit)));
});
