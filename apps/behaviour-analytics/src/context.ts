import type { ServiceEvents } from '@jc/events';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Clock } from '@jc/domain';
import type { BaseContext } from '@jc/subgraph-kit';
import type { BehaviourProfileRecord, StageChangeRecord } from './model/behaviour-profile';
import type { BehaviourEventsConfig } from './model/behaviour-events-config';
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
  behaviourEvents: BehaviourEventsConfig;
  dataSource: DataSource;
  /** Wakes the outbox relay after a commit that enqueued events. */
  published: () => void;
  events: ServiceEvents;
  profileByCustomerId: DataLoader<string, BehaviourProfileRecord | null>;
  statements: DataLoader<StatementsKey, MonthlyStatementRecord[], string>;
  stageHistory: DataLoader<StageHistoryKey, StageChangeRecord[], string>;
}
