import { openDatabase, openTestDatabase, type Database } from '@jc/subgraph-kit';
import { BehaviourProfileEntity } from './entities/behaviour-profile.entity';
import { CreateBehaviourProfiles1764460800000 } from './migrations/1764460800000-create-behaviour-profiles';
import { CreateBehaviourEvents1764547200000 } from './migrations/1764547200000-create-behaviour-events';

export const SERVICE = 'behaviour-analytics';
const schema = {
  service: SERVICE,
  entities: [BehaviourProfileEntity],
  migrations: [CreateBehaviourProfiles1764460800000, CreateBehaviourEvents1764547200000],
};

export function openBehaviourDatabase(databaseUrl?: string, dataDir?: string | null): Promise<Database> {
  return openDatabase({ ...schema, databaseUrl, dataDir });
}

export function openBehaviourTestDatabase(): Promise<Database> {
  return openTestDatabase(schema);
}
