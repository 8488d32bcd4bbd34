import { createBehaviourAnalyticsServer, openBehaviourTestDatabase } from '@jc/behaviour-analytics';
import { seedDemoProfiles } from '@jc/behaviour-analytics/src/db/seed-demo';
import { createCreditScoringServer, openCreditScoringTestDatabase } from '@jc/credit-scoring';
import { seedDemoCustomers } from '@jc/credit-scoring/src/db/seed-demo';
import { createLimitAllocationServer, openLimitTestDatabase } from '@jc/limit-allocation';
import { seedDemoLines } from '@jc/limit-allocation/src/db/seed-demo';
import { createLogger, TEST_INTERNAL_SECRET, type Database, type Logger, type SubgraphServer } from '@jc/subgraph-kit';
import type { Clock, Role } from '@jc/domain';
import type { EventBus } from '@jc/events';
import { createGatewayServer, readGatewayConfig, type GatewayServer } from '../../src';
import { signDevToken } from '../../src/auth/jwt';
import { readAuthConfig } from '../../src/config';

export interface TestStack {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  subgraphs: Record<string, SubgraphServer>;
  gateway: GatewayServer;
  databases: Record<string, Database>;
  stop(): Promise<void>;
}

/**
 * The three subgraphs on test databases seeded with the same demo population, behind a gateway.
 * With a bus, their events flow between them as in the running platform. Every service logs to
 * `logger` (silent unless given).
 */
export async function startTestStack(
  demoCustomers = 25,
  env: NodeJS.ProcessEnv = {},
  { bus = null, clock, logger = createLogger('test', 'silent') }: { bus?: EventBus | null; clock?: Clock; logger?: Logger } = {},
): Promise<TestStack> {
  const seed = 'test-stack';
  const [scoringDb, behaviourDb, limitsDb] = await Promise.all([
    openCreditScoringTestDatabase(),
    openBehaviourTestDatabase(),
    openLimitTestDatabase(),
  ]);
  await Promise.all([
    seedDemoCustomers(scoringDb, seed, demoCustomers, logger, undefined, clock),
    seedDemoProfiles(behaviourDb, seed, demoCustomers, logger),
    seedDemoLines(limitsDb, seed, demoCustomers, logger),
  ]);
  const subgraphs: Record<string, SubgraphServer> = {
    'credit-scoring': await createCreditScoringServer({ internalSecret: TEST_INTERNAL_SECRET, database: scoringDb, logger, bus, clock }),
    'behaviour-analytics': await createBehaviourAnalyticsServer({ internalSecret: TEST_INTERNAL_SECRET, database: behaviourDb, logger, bus, clock }),
    'limit-allocation': await createLimitAllocationServer({ internalSecret: TEST_INTERNAL_SECRET, database: limitsDb, logger, bus, clock }),
  };
  const subgraphUrls: Record<string, string> = {};
  for (const [name, server] of Object.entries(subgraphs)) subgraphUrls[name] = await server.listen(0);
  const config = readGatewayConfig({ NODE_ENV: 'test', INTERNAL_AUTH_SECRET: TEST_INTERNAL_SECRET, ...env });
  const gateway = await createGatewayServer({ ...config, subgraphUrls }, logger);
  const gatewayUrl = await gateway.listen(0);
  return {
    gatewayUrl,
    subgraphUrls,
    subgraphs,
    gateway,
    databases: { 'credit-scoring': scoringDb, 'behaviour-analytics': behaviourDb, 'limit-allocation': limitsDb },
    async stop() {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    },
  };
}

export async function postGraphQL(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}

/** A development token, as `npm run token` would print it. */
export function tokenFor(role: Role, customerId?: string): Promise<string> {
  return signDevToken(readAuthConfig({}), { role, customerId });
}

/** Posts as the given role (ADMIN unless said otherwise). */
export async function asRole(role: Role, url: string, query: string, variables?: Record<string, unknown>, customerId?: string) {
  return postGraphQL(url, query, variables, { authorization: `Bearer ${await tokenFor(role, customerId)}` });
}
