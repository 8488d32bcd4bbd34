import type DataLoader from 'dataloader';
import type { Clock } from '@jc/domain';
import type { ServiceEvents } from '@jc/events';
import type { BaseContext } from '@jc/subgraph-kit';
import type { CustomerRepository } from './db/customer-repository';
import type { OutcomeRepository } from './db/outcome-repository';
import type { ScoringDeps } from './db/rescoring';
import type { HistoryPageRequest } from './db/score-repository';
import type { CustomerRecord } from './model/customer';
import type { CreditScore } from './model/scoring';

export interface Context extends BaseContext {
  clock: Clock;
  customers: CustomerRepository;
  customerById: DataLoader<string, CustomerRecord | null>;
  outcomes: OutcomeRepository;
  /** The registry, statement and score repositories scoring works through. */
  scoring: ScoringDeps;
  events: ServiceEvents;
  /** The champion's latest score per customer; null before the first scoring. */
  profileByCustomer: DataLoader<string, CreditScore | null>;
  /** Pages of champion score history, batched across the customers of one request. */
  scoreHistory: DataLoader<HistoryPageRequest, CreditScore[], string>;
}
