import { openDatabase, openTestDatabase, type Database } from '@jc/subgraph-kit';
import { CreditLineEntity } from './entities/credit-line.entity';
import { CreateCreditLines1764460800000 } from './migrations/1764460800000-create-credit-lines';

export const SERVICE = 'limit-allocation';
const schema = { service: SERVICE, entities: [CreditLineEntity], migrations: [CreateCreditLines1764460800000] };

export function openLimitDatabase(databaseUrl?: string, dataDir?: string | null): Promise<Database> {
  return openDatabase({ ...schema, databaseUrl, dataDir });
}

export function openLimitTestDatabase(): Promise<Database> {
  return openTestDatabase(schema);
}
