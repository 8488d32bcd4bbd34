import { join } from 'node:path';
import { systemClock, type Clock } from '@jc/domain';
import { ServiceEvents, withEvents, type EventBus } from '@jc/events';
import { createSubgraphServer, keyedLoader, loadSubgraphTypeDefs, type Database, type Logger } from '@jc/subgraph-kit';
import type { Context } from './context';
import { CampaignRepository } from './db/campaign-repository';
import { CreditLineRepository } from './db/credit-line-repository';
import { DecisionRepository } from './db/decision-repository';
import { PolicyRepository } from './db/policy-repository';
import { PortfolioRepository } from './db/portfolio-repository';
import { SERVICE } from './db/database';
import { UtilisationRepository } from './db/utilisation-repository';
import { onScoreChanged } from './events/score-consumer';
import { AllocationRepository } from './db/allocation-repository';
import { resolvers } from './resolvers';
import { AllocationService } from './services/allocation-service';
import { DecisionService } from './services/decision-service';
import { OverlayCancellationService } from './services/overlay-cancellation-service';
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
  /** Where limit.changed and utilisation.recorded go and score.changed comes from; none keeps events in the outbox. */
  bus?: EventBus | null;
}

export async function createLimitAllocationServer({ database, internalSecret, clock = systemClock, logger, bus }: LimitAllocationOptions) {
  const lines = new CreditLineRepository(database.dataSource);
  const moves = new UtilisationRepository(database.dataSource);
  let events: ServiceEvents | undefined;
  const published = () => events?.published();
  const utilisation = new UtilisationService(lines, moves, clock, published);
  const policies = new PolicyRepository(database.dataSource);
  const decisions = new DecisionRepository(database.dataSource);
  const portfolio = new PortfolioRepository(database.dataSource);
  const decider = new DecisionService(database.dataSource, lines, clock, published);
  events = new ServiceEvents({
    dataSource: database.dataSource,
    bus,
    clock,
    consumers: [{ name: `${SERVICE}.scores`, batchEffects: { 'score.changed': onScoreChanged(decider, clock) } }],
    logger,
  });
  const campaigns = new CampaignRepository(database.dataSource);
  const cancellations = new OverlayCancellationService(database.dataSource, clock, published);
  const allocations = new AllocationService(new AllocationRepository(database.dataSource), policies, clock);
  const server = await createSubgraphServer<Context>({
    name: SERVICE,
    typeDefs: loadSubgraphTypeDefs(schemaPath),
    resolvers,
    database,
    internalSecret,
    logger,
    createContext: (base) => {
      const at = clock.now();
      const currentPolicy = once(async () => (await policies.find())!);
      return {
        ...base,
        clock,
        lines,
        moves,
        utilisation,
        policies,
        decisions,
        decider,
        events: events!,
        campaigns,
        cancellations,
        allocations,
        portfolio,
        lineByCustomerId: keyedLoader((ids) => lines.linesAt(ids, at), (l) => l.line.customerId),
        holdById: keyedLoader((ids) => moves.findHolds(ids), (h) => h.id),
        currentPolicy,
        personCap: async () => (await currentPolicy()).document.personCap,
        currentBudget: once(() => portfolio.budget(at)),
      };
    },
  });
  return withEvents(server, events);
}
