import { systemClock } from '@jc/domain';
import type { EventfulService } from '@jc/events';
import { CreditLineRepository } from './db/credit-line-repository';
import { openLimitDatabase, SERVICE } from './db/database';
import { PortfolioRepository } from './db/portfolio-repository';
import { seedDemoLines } from './db/seed-demo';
import { UtilisationRepository } from './db/utilisation-repository';
import { createLimitAllocationServer } from './server';
import { applyConfiguredBudget, configuredBudget } from './services/budget-config';
import { startHoldSweeper } from './services/hold-sweeper';
import { UtilisationService } from './services/utilisation-service';

export const limitAllocationService: EventfulService = {
  service: SERVICE,
  defaultPort: 4003,
  openDatabase: (config) => openLimitDatabase(config.databaseUrl, config.dataDir),
  createServer: async (database, logger, config, bus) => {
    const ds = database.dataSource;
    if (await applyConfiguredBudget(new PortfolioRepository(ds), configuredBudget(), systemClock)) logger.info('portfolio exposure budget set from PORTFOLIO_EXPOSURE_BUDGET');
    const server = await createLimitAllocationServer({ database, logger, internalSecret: config.internalSecret, bus });
    const stopSweeper = startHoldSweeper(new UtilisationService(new CreditLineRepository(ds), new UtilisationRepository(ds), systemClock), logger);
    // The embedded platform closes the database and stays up: the sweeper must not outlive it.
    return {
      ...server,
      async stop() {
        stopSweeper();
        await server.stop();
      },
    };
  },
  seedDemo: (database, config, logger) => seedDemoLines(database, config.demoSeed, config.demoCustomers, logger, config.demoAsOf),
};
