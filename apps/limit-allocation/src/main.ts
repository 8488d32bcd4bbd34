import { runService } from '@jc/subgraph-kit';
import { openLimitDatabase, SERVICE } from './db/database';
import { seedDemoLines } from './db/seed-demo';
import { createLimitAllocationServer } from './server';

void runService({
  service: SERVICE,
  defaultPort: 4003,
  openDatabase: (config) => openLimitDatabase(config.databaseUrl, config.dataDir),
  createServer: (database, logger, config) => createLimitAllocationServer({ database, logger, internalSecret: config.internalSecret }),
  seedDemo: (database, config, logger) => seedDemoLines(database, config.demoSeed, config.demoCustomers, logger),
});
