import { join } from 'node:path';
import { systemClock, type Clock } from '@jc/domain';
import { createSubgraphServer, keyedLoader, loadSubgraphTypeDefs, type Database, type Logger } from '@jc/subgraph-kit';
import type { Context } from './context';
import { CampaignRepository } from './db/campaign-repository';
import { CreditLineRepository } from './db/credit-line-repository';
import { DecisionRepository } from './db/decision-repository';
import { PolicyRepository } from './db/policy-repository';
import { PortfolioRepository } from './db/portfolio-repository';
import { SERVICE } from './db/database';
import { UtilisationRepository } from './db/utilisation-repository';
import { resolvers } from './resolvers';
import { DecisionService } from './services/decision-service';
import { UtilisationService } from './services/utilisation-service';

/** The first call's promise, shared by every later call. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= load());
}

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
  const moves = new UtilisationRepository(database.dataSource);
  const utilisation = new UtilisationService(lines, moves, clock);
  const policies = new PolicyRepository(database.dataSource);
  const decisions = new DecisionRepository(database.dataSource);
  const portfolio = new PortfolioRepository(database.dataSource);
  const decider = new DecisionService(lines, policies, decisions, portfolio, clock);
  const campaigns = new CampaignRepository(database.dataSource);
  return createSubgraphServer<Context>({
    name: SERVICE,
    typeDefs: loadSubgraphTypeDefs(schemaPath),
    resolvers,
    database,
    internalSecret,
    logger,
    createContext: (base) => {
      const at = clock.now();
      return {
        ...base,
        clock,
        lines,
        moves,
        utilisation,
        policies,
        decisions,
        decider,
        campaigns,
        portfolio,
        lineByCustomerId: keyedLoader((ids) => lines.linesAt(ids, at), (l) => l.line.customerId),
        holdById: keyedLoader((ids) => moves.findHolds(ids), (h) => h.id),
        currentPolicy: once(async () => (await policies.find())!),
        currentBudget: once(() => portfolio.budget(at)),
      };
    },
  });
}
