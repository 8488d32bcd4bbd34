import { runService } from '@jc/subgraph-kit';
import { openCreditScoringDatabase, SERVICE } from './db/database';
import { seedDemoCustomers } from './db/seed-demo';
import { createCreditScoringServer } from './server';

void runService({
  service: SERVICE,
  defaultPort: 4001,
  openDatabase: (config) => openCreditScoringDatabase(config.databaseUrl, config.dataDir),
  createServer: (database, logger, config) => createCreditScoringServer({ database, logger, internalSecret: config.internalSecret }),
  seedDemo: (database, config, logger) => seedDemoCustomers(database, config.demoSeed, config.demoCustomers, logger),
});
