import { openDatabase, openTestDatabase, type Database } from '@jc/subgraph-kit';
import { CreditLineEntity } from './entities/credit-line.entity';
import { HoldEntity } from './entities/hold.entity';
import { LedgerEntryEntity } from './entities/ledger-entry.entity';
import { UpliftEntity } from './entities/uplift.entity';
import { CreateCreditLines1764460800000 } from './migrations/1764460800000-create-credit-lines';
import { AddHoldsLedgerUplifts1764547200000 } from './migrations/1764547200000-add-holds-ledger-uplifts';
import { AddPolicyDecisions1764633600000 } from './migrations/1764633600000-add-policy-decisions';
import { AddCampaigns1764720000000 } from './migrations/1764720000000-add-campaigns';
import { AddPortfolioBudget1764806400000 } from './migrations/1764806400000-add-portfolio-budget';
import { BudgetCountsOverlays1764892800000 } from './migrations/1764892800000-budget-counts-overlays';
import { ClosedLinesReleaseBudget1764979200000 } from './migrations/1764979200000-closed-lines-release-budget';
import { AddEventTables1765065600000 } from './migrations/1765065600000-add-event-tables';
import { AddAllocationSimulations1765152000000 } from './migrations/1765152000000-add-allocation-simulations';
import { BudgetCheckedPerStatement1765238400000 } from './migrations/1765238400000-budget-checked-per-statement';
import { AllocationLossCapAndSettings1765324800000 } from './migrations/1765324800000-allocation-loss-cap-and-settings';
import { PublishGradeTieredPolicy1765411200000 } from './migrations/1765411200000-publish-grade-tiered-policy';
import { LimitFloorsBesideOverlays1765497600000 } from './migrations/1765497600000-limit-floors-beside-overlays';
import { BudgetFollowsCountedExposure1765584000000 } from './migrations/1765584000000-budget-follows-counted-exposure';
import { ProposalsRememberRiskSnapshot1765670400000 } from './migrations/1765670400000-proposals-remember-risk-snapshot';
import { CampaignIdempotencyKeys1765756800000 } from './migrations/1765756800000-campaign-idempotency-keys';
import { CancellableOverlays1765843200000 } from './migrations/1765843200000-cancellable-overlays';
import { AddEventIndexes1765929600000 } from './migrations/1765929600000-add-event-indexes';

export const SERVICE = 'limit-allocation';
const schema = {
  service: SERVICE,
  entities: [CreditLineEntity, UpliftEntity, HoldEntity, LedgerEntryEntity],
  migrations: [CreateCreditLines1764460800000, AddHoldsLedgerUplifts1764547200000, AddPolicyDecisions1764633600000, AddCampaigns1764720000000, AddPortfolioBudget1764806400000, BudgetCountsOverlays1764892800000, ClosedLinesReleaseBudget1764979200000, AddEventTables1765065600000, AddAllocationSimulations1765152000000, BudgetCheckedPerStatement1765238400000, AllocationLossCapAndSettings1765324800000, PublishGradeTieredPolicy1765411200000, LimitFloorsBesideOverlays1765497600000, BudgetFollowsCountedExposure1765584000000, ProposalsRememberRiskSnapshot1765670400000, CampaignIdempotencyKeys1765756800000, CancellableOverlays1765843200000, AddEventIndexes1765929600000],
};

export function openLimitDatabase(databaseUrl?: string, dataDir?: string | null): Promise<Database> {
  return openDatabase({ ...schema, databaseUrl, dataDir });
}

export function openLimitTestDatabase(): Promise<Database> {
  return openTestDatabase(schema);
}
