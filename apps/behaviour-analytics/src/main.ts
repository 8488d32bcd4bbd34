import { runService } from '@jc/subgraph-kit';
import { openBehaviourDatabase, SERVICE } from './db/database';
import { seedDemoProfiles } from './db/seed-demo';
import { createBehaviourAnalyticsServer } from './server';

void runService({
  service: SERVICE,
  defaultPort: 4002,
  openDatabase: (config) => openBehaviourDatabase(config.databaseUrl, config.dataDir),
  createServer: (database, logger, config) => createBehaviourAnalyticsServer({ database, logger, internalSecret: config.internalSecret }),
  seedDemo: (database, config, logger) => seedDemoProfiles(database, config.demoSeed, config.demoCustomers, logger),
});
