export { createBehaviourAnalyticsServer, schemaPath, type BehaviourAnalyticsOptions, type BehaviourAnalyticsServer } from './server';
export { openBehaviourDatabase, openBehaviourTestDatabase, SERVICE } from './db/database';
export { seedDemoProfiles } from './db/seed-demo';
export { LIMITS_CONSUMER, REGIONS_CONSUMER, UTILISATION_CONSUMER } from './events/consumers';
export { behaviourAnalyticsService } from './service';
