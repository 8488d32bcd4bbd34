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

/** GraphQL's Int is 32-bit signed. */
const MAX_INT = 2_147_483_647;

export const EMPTY_ALLOCATION_FORM: AllocationForm = { method: 'OPTIMISER', policyVersion: '', budget: '', lossAtMostChampion: false, tiers: [], stages: [], regions: '' };

export function allocationInput(form: AllocationForm): { input: SimulateAllocationInput } | { problem: MessageKey } {
  const budget = moneyInput(form.budget);
  if (!budget) return { problem: 'inputBudgetInvalid' };
  const input: SimulateAllocationInput = { method: form.method, budget };
  const version = form.policyVersion.trim();
  if (form.method === 'POLICY' && version) {
    // Number('v3') is NaN, which goes out as null, and null asks for the current policy: refuse it instead.
    const parsed = /^\d{1,10}$/.test(version) ? Number(version) : NaN;
    if (!(parsed >= 1 && parsed <= MAX_INT)) return { problem: 'inputPolicyVersionInvalid' };
    input.policyVersion = parsed;
  }
  if (form.method === 'OPTIMISER' && form.lossAtMostChampion) input.expectedLossAtMostChampion = true;
  const filter = segmentFilter(form);
  if (Object.keys(filter).length) input.filter = filter;
  return { input };
}
