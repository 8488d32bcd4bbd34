export { createCreditScoringServer, schemaPath, scoringDeps } from './server';
export { openCreditScoringDatabase, openCreditScoringTestDatabase, SERVICE } from './db/database';
export { rescoreAll, type ScoringDeps } from './db/rescoring';
export { creditScoringService } from './service';
