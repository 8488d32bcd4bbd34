import type DataLoader from 'dataloader';
import type { Clock } from '@jc/domain';
import type { BaseContext } from '@jc/subgraph-kit';
import type { CustomerRepository } from './db/customer-repository';
import type { CustomerRecord } from './model/customer';

export interface Context extends BaseContext {
  clock: Clock;
  customers: CustomerRepository;
  customerById: DataLoader<string, CustomerRecord | null>;
}
