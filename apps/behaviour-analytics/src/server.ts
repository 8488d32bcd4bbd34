import { join } from 'node:path';
import { systemClock, type Clock } from '@jc/domain';
import { ServiceEvents, withEvents, type EventBus, type EventfulServer } from '@jc/events';
import { createSubgraphServer, keyedLoader, loadSubgraphTypeDefs, type Database, type Logger } from '@jc/subgraph-kit';
import type { Context } from './context';
import { BehaviourProfileRepository } from './db/behaviour-profile-repository';
import { SERVICE } from './db/database';
import { behaviourConsumers } from './events/consumers';
import { stageHistoryLoader, statementsLoader } from './loaders';
import { loadBehaviourEventsConfig, type BehaviourEventsConfig } from './model/behaviour-events-config';
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
  /** When a change is worth a behaviour.updated; defaults to config/behaviour-events.json (or BEHAVIOUR_EVENTS_FILE). */
  behaviourEvents?: BehaviourEventsConfig;
  /** Where behaviour.updated goes and limit.changed / utilisation.recorded come from; none keeps events in the outbox. */
  bus?: EventBus | null;
}

export type BehaviourAnalyticsServer = EventfulServer;

export async function createBehaviourAnalyticsServer({
  database,
  internalSecret,
  logger,
  clock = systemClock,
  rules = loadLifecycleRules(),
  behaviourEvents = loadBehaviourEventsConfig(),
  bus,
}: BehaviourAnalyticsOptions): Promise<BehaviourAnalyticsServer> {
  const profiles = new BehaviourProfileRepository(database.dataSource);
  const dataSource = database.dataSource;
  const events = new ServiceEvents({
    dataSource,
    bus,
    clock,
    consumers: behaviourConsumers({ rules, behaviourEvents }, clock),
    logger,
  });
  const published = () => events.published();
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
      rules,
      behaviourEvents,
      dataSource,
      published,
      events,
      profileByCustomerId: keyedLoader((ids) => profiles.findByCustomerIds(ids), (p) => p.customerId),
      statements: statementsLoader(dataSource),
      stageHistory: stageHistoryLoader(dataSource),
    }),
  });
  return withEvents(server, events);
}
