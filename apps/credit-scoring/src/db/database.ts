import { openDatabase, openTestDatabase, type Database } from '@jc/subgraph-kit';
import { CustomerEntity } from './entities/customer.entity';
import { CreateCustomers1764460800000 } from './migrations/1764460800000-create-customers';

export const SERVICE = 'credit-scoring';
const schema = { service: SERVICE, entities: [CustomerEntity], migrations: [CreateCustomers1764460800000] };

export function openCreditScoringDatabase(databaseUrl?: string, dataDir?: string | null): Promise<Database> {
  return openDatabase({ ...schema, databaseUrl, dataDir });
}

export function openCreditScoringTestDatabase(): Promise<Database> {
  return openTestDatabase(schema);
}
