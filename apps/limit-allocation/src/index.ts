export { createLimitAllocationServer, schemaPath } from './server';
export { openLimitDatabase, openLimitTestDatabase, SERVICE } from './db/database';
export { limitAllocationService } from './service';
