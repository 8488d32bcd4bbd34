import { moneyInput } from '../../format/money';
import type { CreateUpliftCampaignInput } from '../../graphql/campaigns';
import type { Product, RiskGrade } from '../../graphql/types';
import type { MessageKey } from '../../i18n/messages';
import { segmentFilter, type SegmentForm } from '../segment-filter';

export interface CampaignForm extends SegmentForm {
  name: string;
  products: Product[];
  kind: 'amount' | 'multiplier';
  amount: string;
  multiplier: string;
  /** `datetime-local` values, read as UTC (the platform's time zone). */
  startsAt: string;
  endsAt: string;
  minGrade: RiskGrade | '';
}

/** "2026-11-30T08:00" (a datetime-local value) ↔ an ISO instant in UTC. */
export const localToIso = (local: string): string | null => {
  const date = new Date(local.length === 16 ? `${local}:00Z` : `${local}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};
export const isoToLocal = (date: Date): string => date.toISOString().slice(0, 16);

const DAY_MS = 86_400_000;

export function emptyCampaignForm(now: Date): CampaignForm {
  return {
    name: '',
    products: ['PAY_LATER'],
    kind: 'amount',
    amount: '',
    multiplier: '',
    startsAt: isoToLocal(now),
    endsAt: isoToLocal(new Date(now.getTime() + 7 * DAY_MS)),
    minGrade: '',
    tiers: [],
    stages: [],
    regions: '',
  };
}

/** The mutation's input, or the first problem to show; the API checks everything again. */
export function campaignInput(form: CampaignForm): { input: CreateUpliftCampaignInput } | { problem: MessageKey } {
  const name = form.name.trim();
  if (!name) return { problem: 'inputNameRequired' };
  if (form.products.length === 0) return { problem: 'inputProductsRequired' };
  const input: CreateUpliftCampaignInput = { name, products: form.products, startsAt: '', endsAt: '' };
  if (form.kind === 'amount') {
    const amount = moneyInput(form.amount);
    if (!amount) return { problem: 'inputAmountInvalid' };
    input.amount = amount;
  } else {
    const multiplier = Number(form.multiplier);
    if (!Number.isFinite(multiplier) || multiplier <= 1) return { problem: 'inputMultiplierInvalid' };
    input.multiplier = multiplier;
  }
  const startsAt = localToIso(form.startsAt);
  const endsAt = localToIso(form.endsAt);
  if (!startsAt || !endsAt || endsAt <= startsAt) return { problem: 'inputPeriodInvalid' };
  input.startsAt = startsAt;
  input.endsAt = endsAt;
  const eligibility = { ...(form.minGrade ? { minGrade: form.minGrade } : {}), ...segmentFilter(form) };
  if (Object.keys(eligibility).length) input.eligibility = eligibility;
  return { input };
}
