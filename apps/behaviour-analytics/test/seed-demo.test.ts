import { createLogger, TEST_INTERNAL_SECRET, testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { fixedClock } from '@jc/domain';
import { DEFAULT_AS_OF, generatePopulation } from '@jc/simulator';
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

it('does nothing when the database already holds data', async () => {
  const before = await database.dataSource.query(`SELECT count(*)::int AS n FROM transactions`);
  await seedDemoProfiles(database, 'another-seed', 5, logger);
  expect(await database.dataSource.query(`SELECT count(*)::int AS n FROM transactions`)).toEqual(before);
});
