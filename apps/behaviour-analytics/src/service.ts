import type { EventfulService } from '@jc/events';
import { openBehaviourDatabase, SERVICE } from './db/database';
import { seedDemoProfiles } from './db/seed-demo';
import { createBehaviourAnalyticsServer } from './server';

export const behaviourAnalyticsService: EventfulService = {
  service: SERVICE,
  defaultPort: 4002,
  openDatabase: (config) => openBehaviourDatabase(config.databaseUrl, config.dataDir),
  createServer: (database, logger, config, bus) => createBehaviourAnalyticsServer({ database, logger, internalSecret: config.internalSecret, bus }),
  seedDemo: (database, config, logger) => seedDemoProfiles(database, config.demoSeed, config.demoCustomers, logger, config.demoAsOf),
};
