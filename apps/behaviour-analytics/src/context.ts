import type DataLoader from 'dataloader';
import type { BaseContext } from '@jc/subgraph-kit';
import type { BehaviourProfileRecord } from './model/behaviour-profile';

export interface Context extends BaseContext {
  profileByCustomerId: DataLoader<string, BehaviourProfileRecord | null>;
}
