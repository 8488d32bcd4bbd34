import { join } from 'node:path';
import { systemClock, type Clock } from '@jc/domain';
import { createSubgraphServer, keyedLoader, loadSubgraphTypeDefs, type Database, type Logger } from '@jc/subgraph-kit';
import type { Context } from './context';
import { BehaviourProfileRepository } from './db/behaviour-profile-repository';
import { SERVICE } from './db/database';
import { stageHistoryLoader, statementsLoader } from './loaders';
import { loadLifecycleRules, type LifecycleRules } from './model/lifecycle-rules';
import { resolvers } from './resolvers';

export const schemaPath = join(__dirname, '..', 'schema.graphql');

export interface BehaviourAnalyticsOptions {
  database: Database;
  /** Shared with the gateway, which signs every request's identity with it. */
  internalSecret: string;
  logger?: Logger;
  clock?: Clock;
  /** Defaults to the rule set in config/lifecycle-rules.json (or LIFECYCLE_RULES_FILE). */
  rules?: LifecycleRules;
}

export function createBehaviourAnalyticsServer({ database, internalSecret, logger, clock = systemClock, rules = loadLifecycleRules() }: BehaviourAnalyticsOptions) {
  const profiles = new BehaviourProfileRepository(database.dataSource);
  const dataSource = database.dataSource;
  return createSubgraphServer<Context>({
    name: SERVICE,
    typeDefs: loadSubgraphTypeDefs(schemaPath),
    resolvers,
    database,
    internalSecret,
    logger,
    createContext: (base) => ({
      ...base,
      clock,
      rules,
      dataSource,
      profileByCustomerId: keyedLoader((ids) => profiles.findByCustomerIds(ids), (p) => p.customerId),
      statements: statementsLoader(dataSource),
      stageHistory: stageHistoryLoader(dataSource),
    }),
  });
}
