import source from './allocation.graphql?raw';
import { operation } from './documents';
import type { CustomerTier, LifecycleStage, Money, PagedConnection } from './types';

export type AllocationMethod = 'OPTIMISER' | 'POLICY';

export interface AllocationTotals {
  lines: number;
  exposure: Money;
  expectedProfit: Money;
  expectedLoss: Money;
  linesRaised: number;
  linesLowered: number;
  linesUnchanged: number;
}

export interface AllocationSimulation {
  id: string;
  method: AllocationMethod;
  policyVersion: number | null;
  budget: Money;
  status: 'SIMULATED' | 'APPLIED';
  createdBy: string;
  createdAt: string;
  appliedAt: string | null;
  challenger: AllocationTotals;
  champion: AllocationTotals;
  segments: { dimension: string; key: string; challenger: AllocationTotals; champion: AllocationTotals }[];
  expectedLossCap: { max: Money; shadowPrice: number } | null;
}

export type AllocationSimulationSummary = Pick<
  AllocationSimulation,
  'id' | 'method' | 'policyVersion' | 'budget' | 'status' | 'createdBy' | 'createdAt' | 'appliedAt'
>;

export interface SimulateAllocationInput {
  method: AllocationMethod;
  policyVersion?: number;
  budget: Money;
  filter?: { stages?: LifecycleStage[]; tiers?: CustomerTier[]; regions?: string[] };
  expectedLossAtMostChampion?: boolean;
}

export const ALLOCATION_SIMULATIONS = operation<
  { allocationSimulations: PagedConnection<AllocationSimulationSummary> },
  { first: number; after?: string | null }
>(
  source,
  'AllocationSimulations',
);
export const ALLOCATION_SIMULATION = operation<{ allocationSimulation: AllocationSimulation | null }, { id: string }>(
  source,
  'AllocationSimulation',
);
export const SIMULATE_ALLOCATION = operation<{ simulateAllocation: AllocationSimulation }, { input: SimulateAllocationInput }>(
  source,
  'SimulateAllocation',
);
export const APPLY_ALLOCATION = operation<
  { applyAllocation: { decisionsWritten: number; linesRaised: number; linesLowered: number; linesSkipped: number; simulation: AllocationSimulation } },
  { simulationId: string }
>(source, 'ApplyAllocation');
