import type DataLoader from 'dataloader';
import type { Clock } from '@jc/domain';
import type { BaseContext } from '@jc/subgraph-kit';
import type { CreditLineRepository } from './db/credit-line-repository';
import type { CreditLineRecord } from './model/credit-line';

export interface Context extends BaseContext {
  clock: Clock;
  lines: CreditLineRepository;
  lineByCustomerId: DataLoader<string, CreditLineRecord | null>;
}
