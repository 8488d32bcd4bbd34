export { createCreditScoringServer, schemaPath } from './server';
export { openCreditScoringDatabase, openCreditScoringTestDatabase, SERVICE } from './db/database';
