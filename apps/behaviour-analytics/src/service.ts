import { systemClock } from '@jc/domain';
import type { EventfulService } from '@jc/events';
import { openBehaviourDatabase, SERVICE } from './db/database';
import { seedDemoProfiles } from './db/seed-demo';
import { loadBehaviourEventsConfig } from './model/behaviour-events-config';
import { loadLifecycleRules } from './model/lifecycle-rules';
import { createBehaviourAnalyticsServer } from './server';
import { startProfileRefresh } from './services/profile-refresh';

export const behaviourAnalyticsService: EventfulService = {
  service: SERVICE,
  defaultPort: 4002,
  openDatabase: (config) => openBehaviourDatabase(config.databaseUrl, config.dataDir),
  createServer: async (database, logger, config, bus) => {
    const settings = { rules: loadLifecycleRules(), behaviourEvents: loadBehaviourEventsConfig() };
    const server = await createBehaviourAnalyticsServer({ database, logger, internalSecret: config.internalSecret, bus, ...settings });
    const stopRefresh = startProfileRefresh({ ...settings, dataSource: database.dataSource, clock: systemClock, logger, published: () => server.events.published() });
    // The embedded platform closes the database and stays up: the refresh must not outlive it.
    return {
      ...server,
      async stop() {
        await stopRefresh();
        await server.stop();
      },
    };
  },
  seedDemo: (database, config, logger) => seedDemoProfiles(database, config.demoSeed, config.demoCustomers, logger, config.demoAsOf),
};
