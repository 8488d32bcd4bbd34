import { systemClock } from '@jc/domain';
import type { EventfulService } from '@jc/events';
import { openCreditScoringDatabase, SERVICE } from './db/database';
import { seedDemoCustomers } from './db/seed-demo';
import { createCreditScoringServer } from './server';

// One clock for the seed and the server, so no seeded score is stamped later than the server's now.
const clock = systemClock;

export const creditScoringService: EventfulService = {
  service: SERVICE,
  defaultPort: 4001,
  openDatabase: (config) => openCreditScoringDatabase(config.databaseUrl, config.dataDir),
  createServer: (database, logger, config, bus) => createCreditScoringServer({ database, logger, internalSecret: config.internalSecret, bus, clock }),
  seedDemo: (database, config, logger) => seedDemoCustomers(database, config.demoSeed, config.demoCustomers, logger, config.demoAsOf, clock),
};
