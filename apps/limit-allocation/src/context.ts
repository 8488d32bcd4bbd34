import type DataLoader from 'dataloader';
import type { Clock, Minor } from '@jc/domain';
import type { ServiceEvents } from '@jc/events';
import type { BaseContext } from '@jc/subgraph-kit';
import type { CampaignRepository } from './db/campaign-repository';
import type { CreditLineRepository } from './db/credit-line-repository';
import type { DecisionRepository } from './db/decision-repository';
import type { PolicyRepository, PolicyVersion } from './db/policy-repository';
import type { PortfolioRepository } from './db/portfolio-repository';
import type { UtilisationRepository } from './db/utilisation-repository';
import type { LineAt } from './model/credit-line';
import type { BudgetState } from './model/portfolio';
import type { HoldRecord } from './model/utilisation';
import type { AllocationService } from './services/allocation-service';
import type { DecisionService } from './services/decision-service';
import type { OverlayCancellationService } from './services/overlay-cancellation-service';
import type { UtilisationService } from './services/utilisation-service';

export interface Context extends BaseContext {
  clock: Clock;
  lines: CreditLineRepository;
  moves: UtilisationRepository;
  utilisation: UtilisationService;
  policies: PolicyRepository;
  decisions: DecisionRepository;
  decider: DecisionService;
  events: ServiceEvents;
  campaigns: CampaignRepository;
  cancellations: OverlayCancellationService;
  allocations: AllocationService;
  portfolio: PortfolioRepository;
  /** Lines as of the request's start, so every field of one answer agrees on which uplifts are active. */
  lineByCustomerId: DataLoader<string, LineAt | null>;
  holdById: DataLoader<string, HoldRecord | null>;
  /** Read once per request, however many customers a proposal list covers. */
  currentPolicy: () => Promise<PolicyVersion>;
  currentBudget: () => Promise<BudgetState>;
  /** The per-person cap of the policy in force, for effective limits and new lines. */
  personCap: () => Promise<Minor>;
}
