import { join } from 'node:path';
import { systemClock, type Clock } from '@jc/domain';
import { createSubgraphServer, keyedLoader, loadSubgraphTypeDefs, type Database, type Logger } from '@jc/subgraph-kit';
import type { Context } from './context';
import { CreditLineRepository } from './db/credit-line-repository';
import { SERVICE } from './db/database';
import { resolvers } from './resolvers';

export const schemaPath = join(__dirname, '..', 'schema.graphql');

export interface LimitAllocationOptions {
  database: Database;
  /** Shared with the gateway, which signs every request's identity with it. */
  internalSecret: string;
  clock?: Clock;
  logger?: Logger;
}

export function createLimitAllocationServer({ database, internalSecret, clock = systemClock, logger }: LimitAllocationOptions) {
  const lines = new CreditLineRepository(database.dataSource);
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
      lines,
      lineByCustomerId: keyedLoader((ids) => lines.findByCustomerIds(ids), (l) => l.customerId),
    }),
  });
}
