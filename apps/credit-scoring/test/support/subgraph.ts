import { fixedClock } from '@jc/domain';
import { TEST_INTERNAL_SECRET, testPrincipals, type Database, type ExecuteResult, type SubgraphServer } from '@jc/subgraph-kit';
import { createCreditScoringServer, openCreditScoringTestDatabase } from '../../src';

const testClock = fixedClock('2026-11-30T08:00:00Z');

export interface ScoringSubgraph {
  database: Database;
  server: SubgraphServer;
  /** Runs an operation, as an admin unless told otherwise. */
  run(query: string, variables?: Record<string, unknown>, principal?: Parameters<SubgraphServer['execute']>[1]): Promise<ExecuteResult>;
  /** Onboards a customer in `region`; returns the id. */
  onboard(region?: string): Promise<string>;
}

/**
 * Starts the subgraph on a fresh test database (PGlite, or PostgreSQL with TEST_DATABASE_URL) before
 * the file's tests and stops it after; database and server are there once the tests run.
 */
export function useScoringSubgraph(): ScoringSubgraph {
  const subgraph: ScoringSubgraph = {
    database: undefined as unknown as Database,
    server: undefined as unknown as SubgraphServer,
    run: (query, variables = {}, principal = testPrincipals.admin) => subgraph.server.execute({ query, variables }, principal),
    onboard: async (region = '44') => {
      const res = await subgraph.run('mutation ($i: OnboardCustomerInput!) { onboardCustomer(input: $i) { id } }', {
        i: { region, declaredAnnualIncome: '120000.00', birthYear: 1990, education: 'UNIVERSITY' },
      });
      return res.data?.onboardCustomer.id;
    },
  };
  beforeAll(async () => {
    subgraph.database = await openCreditScoringTestDatabase();
    subgraph.server = await createCreditScoringServer({ database: subgraph.database, clock: testClock, internalSecret: TEST_INTERNAL_SECRET });
  });
  // The server closes its database; if it never started only the database is open.
  afterAll(async () => (subgraph.server ? subgraph.server.stop() : subgraph.database?.close()));
  return subgraph;
}

/** Six months of statements, newest first: one customer who always repays, one falling further behind. */
export const months = ['2026-11-01', '2026-10-01', '2026-09-01', '2026-08-01', '2026-07-01', '2026-06-01'];
export const good = months.map((month) => ({ month, limit: '20000.00', balance: '3000.00', repaid: '3000.00', status: -1 }));
export const bad = months.map((month, i) => ({ month, limit: '20000.00', balance: '19900.00', repaid: '0.00', status: Math.max(0, 4 - i) }));
