import { openDatabase, openTestDatabase, type Database } from '@jc/subgraph-kit';
import { CreditOutcomeEntity } from './entities/credit-outcome.entity';
import { CreditScoreEntity } from './entities/credit-score.entity';
import { CustomerStatementEntity } from './entities/customer-statement.entity';
import { CustomerEntity } from './entities/customer.entity';
import { ScoringModelEntity } from './entities/scoring-model.entity';
import { CreateCustomers1764460800000 } from './migrations/1764460800000-create-customers';
import { CreateScoring1764547200000 } from './migrations/1764547200000-create-scoring';
import { AddEventTables1765065600000 } from './migrations/1765065600000-add-event-tables';
import { AddCustomerBehaviour1765152000000 } from './migrations/1765152000000-add-customer-behaviour';
import { AddModelScore1765238400000 } from './migrations/1765238400000-add-model-score';
import { AddEventIndexes1765929600000 } from './migrations/1765929600000-add-event-indexes';
import { CustomerIdempotencyKeys1766016000000 } from './migrations/1766016000000-customer-idempotency-keys';

export const SERVICE = 'credit-scoring';
const schema = {
  service: SERVICE,
  entities: [CustomerEntity, ScoringModelEntity, CustomerStatementEntity, CreditScoreEntity, CreditOutcomeEntity],
  migrations: [CreateCustomers1764460800000, CreateScoring1764547200000, AddEventTables1765065600000, AddCustomerBehaviour1765152000000, AddModelScore1765238400000, AddEventIndexes1765929600000, CustomerIdempotencyKeys1766016000000],
};

export function openCreditScoringDatabase(databaseUrl?: string, dataDir?: string | null): Promise<Database> {
  return openDatabase({ ...schema, databaseUrl, dataDir });
}

export function openCreditScoringTestDatabase(): Promise<Database> {
  return openTestDatabase(schema);
}
