export { createBehaviourAnalyticsServer, schemaPath } from './server';
export { openBehaviourDatabase, openBehaviourTestDatabase, SERVICE } from './db/database';
