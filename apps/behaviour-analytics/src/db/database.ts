import { openDatabase, openTestDatabase, type Database } from '@jc/subgraph-kit';
import { BehaviourProfileEntity } from './entities/behaviour-profile.entity';
import { CreateBehaviourProfiles1764460800000 } from './migrations/1764460800000-create-behaviour-profiles';
import { CreateBehaviourEvents1764547200000 } from './migrations/1764547200000-create-behaviour-events';
import { CreateCustomerRegions1764720000000 } from './migrations/1764720000000-create-customer-regions';
import { CreateCustomerEventBounds1764806400000 } from './migrations/1764806400000-create-customer-event-bounds';
import { AddEventTables1765065600000 } from './migrations/1765065600000-add-event-tables';
import { AddDailyActivityLimitsAndPublished1765152000000 } from './migrations/1765152000000-add-daily-activity-limits-and-published';
import { AddStageDueAt1765238400000 } from './migrations/1765238400000-add-stage-due-at';
import { AddEventIndexes1765929600000 } from './migrations/1765929600000-add-event-indexes';
import { FirstRepaymentBound1766016000000 } from './migrations/1766016000000-first-repayment-bound';
import { ProfilesByAge1766102400000 } from './migrations/1766102400000-profiles-by-age';

export const SERVICE = 'behaviour-analytics';
const schema = {
  service: SERVICE,
  entities: [BehaviourProfileEntity],
  migrations: [
    CreateBehaviourProfiles1764460800000,
    CreateBehaviourEvents1764547200000,
    CreateCustomerRegions1764720000000,
    CreateCustomerEventBounds1764806400000,
    AddEventTables1765065600000,
    AddDailyActivityLimitsAndPublished1765152000000,
    AddStageDueAt1765238400000,
    AddEventIndexes1765929600000,
    FirstRepaymentBound1766016000000,
    ProfilesByAge1766102400000,
  ],
};

export function openBehaviourDatabase(databaseUrl?: string, dataDir?: string | null): Promise<Database> {
  return openDatabase({ ...schema, databaseUrl, dataDir });
}

export function openBehaviourTestDatabase(): Promise<Database> {
  return openTestDatabase(schema);
}
