import { moneyInput } from '../../format/money';
import type { AllocationMethod, SimulateAllocationInput } from '../../graphql/allocation';
import type { CustomerTier, LifecycleStage } from '../../graphql/types';
import type { MessageKey } from '../../i18n/messages';

export interface AllocationForm {
  method: AllocationMethod;
  policyVersion: string;
  budget: string;
  tiers: CustomerTier[];
  stages: LifecycleStage[];
  regions: string;
}

export const EMPTY_ALLOCATION_FORM: AllocationForm = { method: 'OPTIMISER', policyVersion: '', budget: '', tiers: [], stages: [], regions: '' };

export function allocationInput(form: AllocationForm): { input: SimulateAllocationInput } | { problem: MessageKey } {
  const budget = moneyInput(form.budget);
  if (!budget) return { problem: 'inputBudgetInvalid' };
  const input: SimulateAllocationInput = { method: form.method, budget };
  const version = form.policyVersion.trim();
  if (form.method === 'POLICY' && version) input.policyVersion = Number(version);
  const regions = form.regions.split(',').map((r) => r.trim()).filter(Boolean);
  const filter = {
    ...(form.tiers.length ? { tiers: form.tiers } : {}),
    ...(form.stages.length ? { stages: form.stages } : {}),
    ...(regions.length ? { regions } : {}),
  };
  if (Object.keys(filter).length) input.filter = filter;
  return { input };
}
