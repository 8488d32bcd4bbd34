import { join } from 'node:path';
import { createSubgraphServer, keyedLoader, loadSubgraphTypeDefs, type Database, type Logger } from '@jc/subgraph-kit';
import type { Context } from './context';
import { BehaviourProfileRepository } from './db/behaviour-profile-repository';
import { SERVICE } from './db/database';
import { resolvers } from './resolvers';

export const schemaPath = join(__dirname, '..', 'schema.graphql');

export interface BehaviourAnalyticsOptions {
  database: Database;
  /** Shared with the gateway, which signs every request's identity with it. */
  internalSecret: string;
  logger?: Logger;
}

export function createBehaviourAnalyticsServer({ database, internalSecret, logger }: BehaviourAnalyticsOptions) {
  const profiles = new BehaviourProfileRepository(database.dataSource);
  return createSubgraphServer<Context>({
    name: SERVICE,
    typeDefs: loadSubgraphTypeDefs(schemaPath),
    resolvers,
    database,
    internalSecret,
    logger,
    createContext: (base) => ({
      ...base,
      profileByCustomerId: keyedLoader((ids) => profiles.findByCustomerIds(ids), (p) => p.customerId),
    }),
  });
}
