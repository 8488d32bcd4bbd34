import { TEST_INTERNAL_SECRET, testPrincipals, type Database, type ExecuteResult, type SubgraphServer } from '@jc/subgraph-kit';
import { POSTGRES_BIN, postgresInstalled, PrivatePostgres } from '../../../packages/events/test/support/private-postgres';
import { createCreditScoringServer, openCreditScoringDatabase } from '../src';

/**
 * PostgreSQL crashes (immediate stop) while onboarding requests keep coming, then comes back:
 * readiness follows the database, requests fail cleanly meanwhile, and the service carries on
 * with nothing half-applied. Runs on a private cluster so no other test's database is touched.
 */
const WORKERS = 3;
const suite = postgresInstalled() ? describe : describe.skip;
const skipNote = postgresInstalled() ? '' : ` (skipped: no PostgreSQL in ${POSTGRES_BIN})`;

const ONBOARD = `mutation ($input: OnboardCustomerInput!) { onboardCustomer(input: $input) { id } }`;
const input = { region: '44', declaredAnnualIncome: '180000.50', birthYear: 1990, education: 'UNIVERSITY' };

interface Outcome {
  startedAt: number;
  finishedAt: number;
  result: ExecuteResult;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds; fails after `timeoutMs`. */
async function within(timeoutMs: number, what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await pause(50);
  }
}

suite(`credit-scoring through a PostgreSQL restart under load${skipNote}`, () => {
  let postgres: PrivatePostgres;
  let database: Database;
  let server: SubgraphServer;
  let readyUrl: string;

  beforeAll(async () => {
    postgres = await PrivatePostgres.start();
    database = await openCreditScoringDatabase(postgres.url);
    server = await createCreditScoringServer({ database, internalSecret: TEST_INTERNAL_SECRET });
    readyUrl = (await server.listen(0)).replace(/\/graphql$/, '/ready');
  });
  afterAll(async () => {
    await (server ? server.stop() : database?.close());
    await postgres?.destroy();
  });

  const readiness = async () => (await fetch(readyUrl)).status;

  it('reports not ready while the database is down, fails requests cleanly, and recovers', async () => {
    const outcomes: Outcome[] = [];
    let loading = true;
    const worker = async () => {
      while (loading) {
        const startedAt = Date.now();
        const result = await server.execute({ query: ONBOARD, variables: { input } }, testPrincipals.admin);
        outcomes.push({ startedAt, finishedAt: Date.now(), result });
        // A failing database answers at once; without a pause the workers would only spin.
        if (result.errors) await pause(20);
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, worker));
    const succeeded = () => outcomes.filter((o) => !o.result.errors);
    try {
      await pause(1_000);
      expect(await readiness()).toBe(200);
      expect(succeeded().length).toBeGreaterThan(0);

      const crashedAt = Date.now();
      await postgres.stop('immediate');
      const downAt = Date.now();
      await within(5_000, '/ready answering 503', async () => (await readiness()) === 503);
      await pause(1_000);
      const duringOutage = outcomes.filter((o) => o.startedAt > downAt);
      expect(duringOutage.length).toBeGreaterThan(0);
      expect(duringOutage.every((o) => o.result.errors)).toBe(true);

      await postgres.restart();
      const restartedAt = Date.now();
      await within(5_000, '/ready answering 200', async () => (await readiness()) === 200);
      await within(5_000, 'a mutation succeeding', async () => succeeded().some((o) => o.startedAt > restartedAt));
      await pause(500);
      loading = false;
      await load;

      // Every failure is a coded error with a safe message: no stack, SQL or connection details.
      const failures = outcomes.filter((o) => o.result.errors);
      for (const { result } of failures) {
        expect(result.data ?? null).toBeNull();
        for (const error of result.errors!) {
          expect(error).toEqual({ message: 'The service cannot reach its database right now; retry shortly', path: ['onboardCustomer'], locations: expect.any(Array), extensions: { code: 'SERVICE_UNAVAILABLE' } });
        }
      }

      // Nothing half-applied: the stored customers are exactly the acknowledged ones, except that
      // a request cut off at the crash may have committed before its answer was lost.
      const acknowledged = succeeded().map((o) => o.result.data!.onboardCustomer.id as string);
      const cutOff = failures.filter((o) => o.startedAt <= downAt && o.finishedAt >= crashedAt).length;
      const stored: { id: string }[] = await database.dataSource.query('SELECT id FROM customers');
      const storedIds = new Set(stored.map((r) => r.id));
      expect(acknowledged.every((id) => storedIds.has(id))).toBe(true);
      expect(stored.length - acknowledged.length).toBeLessThanOrEqual(cutOff);
    } finally {
      loading = false;
      await load;
    }
  });
});
