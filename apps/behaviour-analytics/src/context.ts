import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Clock } from '@jc/domain';
import type { BaseContext } from '@jc/subgraph-kit';
import type { BehaviourProfileRecord, StageChangeRecord } from './model/behaviour-profile';
import type { LifecycleRules } from './model/lifecycle-rules';
import type { MonthlyStatementRecord } from './model/statements';

export interface StageHistoryKey {
  customerId: string;
  limit: number;
  beforeId: number | null;
}

export interface StatementsKey {
  customerId: string;
  asOf: Date;
  last: number;
}

export interface Context extends BaseContext {
  clock: Clock;
  rules: LifecycleRules;
  dataSource: DataSource;
  profileByCustomerId: DataLoader<string, BehaviourProfileRecord | null>;
  statements: DataLoader<StatementsKey, MonthlyStatementRecord[], string>;
  stageHistory: DataLoader<StageHistoryKey, StageChangeRecord[], string>;
}
