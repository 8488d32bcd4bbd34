import { moneyInput } from '../../format/money';
import type { AllocationMethod, SimulateAllocationInput } from '../../graphql/allocation';
import type { MessageKey } from '../../i18n/messages';
import { segmentFilter, type SegmentForm } from '../segment-filter';

export interface AllocationForm extends SegmentForm {
  method: AllocationMethod;
  policyVersion: string;
  budget: string;
  /** With OPTIMISER: no more expected loss than the champion policy. */
  lossAtMostChampion: boolean;
}

export const EMPTY_ALLOCATION_FORM: AllocationForm = { method: 'OPTIMISER', policyVersion: '', budget: '', lossAtMostChampion: false, tiers: [], stages: [], regions: '' };

export function allocationInput(form: AllocationForm): { input: SimulateAllocationInput } | { problem: MessageKey } {
  const budget = moneyInput(form.budget);
  if (!budget) return { problem: 'inputBudgetInvalid' };
  const input: SimulateAllocationInput = { method: form.method, budget };
  const version = form.policyVersion.trim();
  if (form.method === 'POLICY' && version) input.policyVersion = Number(version);
  if (form.method === 'OPTIMISER' && form.lossAtMostChampion) input.expectedLossAtMostChampion = true;
  const filter = segmentFilter(form);
  if (Object.keys(filter).length) input.filter = filter;
  return { input };
}
