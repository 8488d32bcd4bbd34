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

/** The key a campaign request was last sent with, and that request. */
export interface SentRequest {
  request: string;
  key: string;
}

const freshKey = (): string =>
  typeof globalThis.crypto?.randomUUID === 'function' ? `console-${globalThis.crypto.randomUUID()}` : `console-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/**
 * The idempotency key to send: the last one again when the request is the same (a retry after a
 * timeout or a second click gets the campaign it made back, not a second overlay on every line),
 * a new one when anything in it changed.
 */
export function withRequestKey(input: CreateUpliftCampaignInput, last: SentRequest | null, fresh: () => string = freshKey): { input: CreateUpliftCampaignInput; sent: SentRequest } {
  const request = JSON.stringify(input);
  const key = last && last.request === request ? last.key : fresh();
  return { input: { ...input, idempotencyKey: key }, sent: { request, key } };
}
