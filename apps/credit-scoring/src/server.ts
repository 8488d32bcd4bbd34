import { join } from 'node:path';
import { systemClock, type Clock } from '@jc/domain';
import { createSubgraphServer, keyedLoader, loadSubgraphTypeDefs, type Database, type Logger } from '@jc/subgraph-kit';
import type { Context } from './context';
import { CustomerRepository } from './db/customer-repository';
import { SERVICE } from './db/database';
import { resolvers } from './resolvers';

export const schemaPath = join(__dirname, '..', 'schema.graphql');

export interface CreditScoringOptions {
  database: Database;
  /** Shared with the gateway, which signs every request's identity with it. */
  internalSecret: string;
  clock?: Clock;
  logger?: Logger;
}

export function createCreditScoringServer({ database, internalSecret, clock = systemClock, logger }: CreditScoringOptions) {
  const customers = new CustomerRepository(database.dataSource);
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
      customers,
      customerById: keyedLoader((ids) => customers.findByIds(ids), (c) => c.id),
    }),
  });
}
