import { join } from 'node:path';
import { systemClock, type Clock } from '@jc/domain';
import { ServiceEvents, withEvents, type EventBus } from '@jc/events';
import { createSubgraphServer, keyedLoader, loadSubgraphTypeDefs, type Database, type Logger } from '@jc/subgraph-kit';
import type { Context } from './context';
import { CustomerRepository } from './db/customer-repository';
import { SERVICE } from './db/database';
import { ModelRegistryRepository } from './db/model-registry-repository';
import { OutcomeRepository } from './db/outcome-repository';
import type { ScoringDeps } from './db/rescoring';
import { scoreHistoryLoader } from './db/score-history-loader';
import { ScoreRepository } from './db/score-repository';
import { StatementRepository } from './db/statement-repository';
import { defaultModel } from './model/default-model';
import { modelUnitsPerYuanFrom } from './model/statements';
import { onBehaviourUpdated } from './events/behaviour-consumer';
import { resolvers } from './resolvers';

export const schemaPath = join(__dirname, '..', 'schema.graphql');

export interface CreditScoringOptions {
  database: Database;
  /** Shared with the gateway, which signs every request's identity with it. */
  internalSecret: string;
  clock?: Clock;
  logger?: Logger;
  /** NT$ per yuan for the model's amounts; defaults to CREDIT_SCORING_MODEL_UNITS_PER_YUAN or 4.4. */
  modelUnitsPerYuan?: number;
  /** Where score.changed goes and behaviour.updated comes from; none keeps events in the outbox. */
  bus?: EventBus | null;
}

/** The repositories scoring works through; shared by the server, the demo seed and the benchmark. */
export function scoringDeps(database: Database, clock: Clock = systemClock, unitsPerYuan = modelUnitsPerYuanFrom(), logger?: Logger): ScoringDeps {
  const dataSource = database.dataSource;
  return {
    dataSource,
    registry: new ModelRegistryRepository(dataSource, logger),
    statements: new StatementRepository(dataSource),
    scores: new ScoreRepository(dataSource),
    clock,
    unitsPerYuan,
  };
}

export async function createCreditScoringServer({ database, internalSecret, clock = systemClock, logger, modelUnitsPerYuan, bus }: CreditScoringOptions) {
  const customers = new CustomerRepository(database.dataSource);
  const scoring = scoringDeps(database, clock, modelUnitsPerYuan, logger);
  const outcomes = new OutcomeRepository(database.dataSource);
  await scoring.registry.ensureChampion(defaultModel(), clock.now());
  const events = new ServiceEvents({
    dataSource: database.dataSource,
    bus,
    clock,
    consumers: [{ name: `${SERVICE}.behaviour`, batchEffects: { 'behaviour.updated': onBehaviourUpdated(scoring) } }],
    logger,
  });
  const server = await createSubgraphServer<Context>({
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
      outcomes,
      scoring,
      events,
      profileByCustomer: keyedLoader(async (ids) => {
        const champion = await scoring.registry.champion();
        return champion ? scoring.scores.latestBy(champion.version, ids) : [];
      }, (s) => s.customerId),
      scoreHistory: scoreHistoryLoader(scoring.scores),
    }),
  });
  return withEvents(server, events);
}
