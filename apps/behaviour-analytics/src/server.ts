import { join } from 'node:path';
import { createSubgraphServer, keyedLoader, loadSubgraphTypeDefs, type Database, type Logger } from '@jc/subgraph-kit';
import type { Context } from './context';
import { BehaviourProfileRepository } from './db/behaviour-profile-repository';
import { SERVICE } from './db/database';
import { resolvers } from './resolvers';

export const schemaPath = join(__dirname, '..', 'schema.graphql');

export interface BehaviourAnalyticsOptions {
  database: Database;
  logger?: Logger;
}

export function createBehaviourAnalyticsServer({ database, logger }: BehaviourAnalyticsOptions) {
  const profiles = new BehaviourProfileRepository(database.dataSource);
  return createSubgraphServer<Context>({
    name: SERVICE,
    typeDefs: loadSubgraphTypeDefs(schemaPath),
    resolvers,
    database,
    logger,
    createContext: (base) => ({
      ...base,
      profileByCustomerId: keyedLoader((ids) => profiles.findByCustomerIds(ids), (p) => p.customerId),
    }),
  });
}
