import type { Channel, Minor } from '@jc/domain';
import type { SimulatedCustomer } from './customers';
import { DAY_MS, daysInMonth, firstDayOfMonth } from './dates';
import { PURCHASE_CATEGORIES, type MerchantCategory, type PurchaseCategory, type TransactionProduct } from './events';
import type { PeakProfile } from './peak-profile';
import { categorical, type Rng } from './random';

/** A generated purchase or drawdown before it gets an id and before credit availability is applied. */
export interface RawTransaction {
  atMs: number;
  product: TransactionProduct;
  amount: Minor;
  merchantCategory: MerchantCategory;
  channel: Channel;
  /** Instalments of a cash-loan drawdown. */
  term: number;
}

/** Typical ticket relative to the customer's base ticket, per category. */
const CATEGORY_TICKET_SCALE: Readonly<Record<PurchaseCategory, number>> = {
  GROCERY: 0.45,
  DINING: 0.55,
  DIGITAL: 0.5,
  APPAREL: 1.3,
  HEALTH: 1.4,
  HOME: 2.5,
  EDUCATION: 3.5,
  ELECTRONICS: 4.5,
  TRAVEL: 5,
};

/** How much more (or less) than the customer's usual online share a category is bought online. */
const CATEGORY_ONLINE_FACTOR: Readonly<Record<PurchaseCategory, number>> = {
  GROCERY: 0.7,
  DINING: 0.45,
  DIGITAL: 10,
  APPAREL: 1.2,
  HEALTH: 0.6,
  HOME: 1.1,
  EDUCATION: 1.0,
  ELECTRONICS: 1.3,
  TRAVEL: 1.3,
};

const FESTIVAL_GOODS: ReadonlySet<PurchaseCategory> = new Set(['ELECTRONICS', 'APPAREL', 'HOME', 'DIGITAL']);

/** Share of activity by hour of day: quiet at night, peaks at lunch and in the evening. */
const HOUR_WEIGHTS = [2, 1, 0.5, 0.3, 0.3, 0.5, 1, 2, 3, 4, 4, 5, 6, 5, 4, 4, 5, 5, 6, 7, 8, 8, 6, 4];
const pickHour = categorical(
  HOUR_WEIGHTS.map((_, h) => h),
  HOUR_WEIGHTS,
);
const pickTerm = categorical([3, 6, 12], [0.3, 0.35, 0.35]);

const MAX_PURCHASE_YUAN = 50_000;
const MAX_DRAW_YUAN = 200_000;

/** Per-customer samplers, built once and reused for every month. */
export interface CustomerSamplers {
  category: (rng: Rng) => PurchaseCategory;
  festivalCategory: (rng: Rng) => PurchaseCategory;
}

export function customerSamplers(customer: SimulatedCustomer): CustomerSamplers {
  const mix = customer.behaviour.categoryMix;
  const weights = PURCHASE_CATEGORIES.map((c) => mix[c]);
  return {
    category: categorical(PURCHASE_CATEGORIES, weights),
    festivalCategory: categorical(
      PURCHASE_CATEGORIES,
      PURCHASE_CATEGORIES.map((c, i) => (weights[i] as number) * (FESTIVAL_GOODS.has(c) ? 2.5 : 1)),
    ),
  };
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

function timeOnDay(rng: Rng, day: number): number {
  return day * DAY_MS + pickHour(rng) * 3_600_000 + Math.floor(rng.next() * 3_600_000);
}

/**
 * Everything a customer does in one calendar month, ordered by time. The month is generated whole
 * (then trimmed to the range by the caller) so a month's events and ids do not depend on the range.
 */
export function generateMonthTransactions(
  customer: SimulatedCustomer,
  samplers: CustomerSamplers,
  profile: PeakProfile,
  monthIndex: number,
  rng: Rng,
): RawTransaction[] {
  const b = customer.behaviour;
  const firstDay = firstDayOfMonth(monthIndex);
  const days = daysInMonth(monthIndex);
  const activeFrom = customer.onboardedAt.getTime();
  const activeUntil = customer.dormantFrom ? customer.dormantFrom.getTime() : Number.POSITIVE_INFINITY;

  const purchaseWeights = new Float64Array(days);
  const cashWeights = new Float64Array(days);
  let purchaseTotal = 0;
  let cashTotal = 0;
  for (let d = 0; d < days; d++) {
    const dayStart = (firstDay + d) * DAY_MS;
    if (dayStart + DAY_MS <= activeFrom || dayStart >= activeUntil) continue;
    const p = firstDay + d - profile.firstDay;
    const purchase = 1 + ((profile.purchase[p] ?? 1) - 1) * b.peakSensitivity;
    const cash = 1 + ((profile.cash[p] ?? 1) - 1) * b.peakSensitivity;
    purchaseWeights[d] = purchase;
    cashWeights[d] = cash;
    purchaseTotal += purchase;
    cashTotal += cash;
  }
  if (purchaseTotal === 0) return [];

  const events: RawTransaction[] = [];
  const count = rng.poisson((b.monthlyFrequency * purchaseTotal) / days);
  for (let i = 0; i < count; i++) {
    const d = pickIndex(purchaseWeights, purchaseTotal, rng);
    const atMs = timeOnDay(rng, firstDay + d);
    const festival = profile.shoppingFestival[firstDay + d - profile.firstDay] === 1;
    const category = festival ? samplers.festivalCategory(rng) : samplers.category(rng);
    const ticketYuan = clamp(rng.lognormal(b.ticketMu + Math.log(CATEGORY_TICKET_SCALE[category]), b.ticketSigma), 1, MAX_PURCHASE_YUAN);
    const online = rng.bernoulli(clamp(b.onlineShare * CATEGORY_ONLINE_FACTOR[category] + (festival ? 0.15 : 0), 0.02, 0.98));
    const payLater = rng.bernoulli(clamp(b.payLaterShare + (festival ? 0.1 : 0), 0, 0.97));
    if (atMs < activeFrom || atMs >= activeUntil) continue;
    events.push({
      atMs,
      product: payLater ? 'PAY_LATER' : 'OTHER',
      amount: Math.round(ticketYuan * 100),
      merchantCategory: category,
      channel: online ? 'ONLINE' : 'OFFLINE',
      term: 0,
    });
  }

  if (rng.bernoulli(Math.min(0.95, (b.cashDrawProbability * cashTotal) / days))) {
    const d = pickIndex(cashWeights, cashTotal, rng);
    const atMs = timeOnDay(rng, firstDay + d);
    const capYuan = Math.min(MAX_DRAW_YUAN, customer.declaredAnnualIncome / 200);
    const drawYuan = clamp(Math.round(rng.lognormal(b.cashDrawMu, b.cashDrawSigma) / 100) * 100, 500, Math.max(500, capYuan));
    const term = pickTerm(rng);
    if (atMs >= activeFrom && atMs < activeUntil) {
      events.push({ atMs, product: 'CASH_LOAN', amount: Math.round(drawYuan) * 100, merchantCategory: 'CASH', channel: 'ONLINE', term });
    }
  }
  // Stable sort: equal timestamps keep generation order, so ids stay deterministic.
  return events.sort((x, y) => x.atMs - y.atMs);
}

function pickIndex(weights: Float64Array, total: number, rng: Rng): number {
  let target = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i] as number;
    if (target < 0 && (weights[i] as number) > 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return i;
  return 0;
}
