import type { PurchaseCategory } from './events';

export const ARCHETYPES = [
  'PRUDENT_SAVER',
  'STEADY_SPENDER',
  'HEAVY_ONLINE_SHOPPER',
  'CASH_NEEDER',
  'STRUGGLING',
  'FRAUD_LIKE',
] as const;
export type Archetype = (typeof ARCHETYPES)[number];

/** How a customer behaves; each customer gets their archetype's values with individual jitter. */
export interface BehaviourParams {
  /** Purchases in an ordinary month. */
  monthlyFrequency: number;
  /** Ticket size in yuan is lognormal(ticketMu, ticketSigma), before the category's scale. */
  ticketMu: number;
  ticketSigma: number;
  onlineShare: number;
  /** Share of purchases put on PAY_LATER; the rest are paid otherwise (product OTHER). */
  payLaterShare: number;
  categoryMix: Readonly<Record<PurchaseCategory, number>>;
  /** Chance of one cash-loan drawdown in an ordinary month. */
  cashDrawProbability: number;
  /** Drawdown in yuan is lognormal(cashDrawMu, cashDrawSigma). */
  cashDrawMu: number;
  cashDrawSigma: number;
  /** 0 ignores holiday peaks, 1 follows the calendar's multiplier, above 1 amplifies it. */
  peakSensitivity: number;
  /** Chance of paying only part (at least the minimum) of a PAY_LATER statement. */
  revolveProbability: number;
  /** Chance per statement of paying all arrears once in a run of missed payments. */
  cureProbability: number;
}

export interface ArchetypeProfile extends BehaviourParams {
  archetype: Archetype;
  description: string;
  /** Share of the population. */
  share: number;
  /** Multiplies the income the customer's region and education would give. */
  incomeFactor: number;
  /** Annual probability of reaching 90+ days past due for a median-income customer. */
  baseAnnualPd: number;
  /** Chance that the customer stops using the platform at some point (becomes DORMANT). */
  dormancyProbability: number;
}

const mix = (
  GROCERY: number,
  ELECTRONICS: number,
  APPAREL: number,
  TRAVEL: number,
  DINING: number,
  EDUCATION: number,
  HEALTH: number,
  HOME: number,
  DIGITAL: number,
): Record<PurchaseCategory, number> => ({ GROCERY, ELECTRONICS, APPAREL, TRAVEL, DINING, EDUCATION, HEALTH, HOME, DIGITAL });

export const ARCHETYPE_PROFILES: Readonly<Record<Archetype, ArchetypeProfile>> = {
  PRUDENT_SAVER: {
    archetype: 'PRUDENT_SAVER',
    description: 'Higher income, few and modest purchases, rarely borrows cash, pays in full and on time.',
    share: 0.22,
    incomeFactor: 1.3,
    baseAnnualPd: 0.008,
    monthlyFrequency: 6,
    ticketMu: Math.log(90),
    ticketSigma: 0.9,
    onlineShare: 0.45,
    payLaterShare: 0.35,
    categoryMix: mix(30, 3, 8, 6, 18, 5, 8, 7, 15),
    cashDrawProbability: 0.02,
    cashDrawMu: Math.log(4000),
    cashDrawSigma: 0.6,
    peakSensitivity: 0.5,
    revolveProbability: 0.02,
    cureProbability: 0.5,
    dormancyProbability: 0.1,
  },
  STEADY_SPENDER: {
    archetype: 'STEADY_SPENDER',
    description: 'The typical user: regular everyday spending on PAY_LATER, mixed channels, occasional cash needs.',
    share: 0.33,
    incomeFactor: 1.0,
    baseAnnualPd: 0.025,
    monthlyFrequency: 15,
    ticketMu: Math.log(110),
    ticketSigma: 1.0,
    onlineShare: 0.55,
    payLaterShare: 0.6,
    categoryMix: mix(22, 6, 12, 6, 22, 3, 5, 8, 16),
    cashDrawProbability: 0.05,
    cashDrawMu: Math.log(5000),
    cashDrawSigma: 0.7,
    peakSensitivity: 1.0,
    revolveProbability: 0.1,
    cureProbability: 0.4,
    dormancyProbability: 0.08,
  },
  HEAVY_ONLINE_SHOPPER: {
    archetype: 'HEAVY_ONLINE_SHOPPER',
    description: 'Frequent online purchases, mostly on PAY_LATER, strongly drawn to shopping festivals; revolves at times.',
    share: 0.2,
    incomeFactor: 1.0,
    baseAnnualPd: 0.045,
    monthlyFrequency: 32,
    ticketMu: Math.log(140),
    ticketSigma: 1.05,
    onlineShare: 0.85,
    payLaterShare: 0.75,
    categoryMix: mix(12, 14, 22, 4, 8, 2, 3, 11, 24),
    cashDrawProbability: 0.05,
    cashDrawMu: Math.log(4000),
    cashDrawSigma: 0.7,
    peakSensitivity: 1.4,
    revolveProbability: 0.2,
    cureProbability: 0.35,
    dormancyProbability: 0.05,
  },
  CASH_NEEDER: {
    archetype: 'CASH_NEEDER',
    description: 'Moderate spending but frequent, larger cash-loan drawdowns (rent, family, small business); medium risk.',
    share: 0.13,
    incomeFactor: 0.85,
    baseAnnualPd: 0.07,
    monthlyFrequency: 10,
    ticketMu: Math.log(90),
    ticketSigma: 0.9,
    onlineShare: 0.5,
    payLaterShare: 0.5,
    categoryMix: mix(28, 5, 10, 3, 22, 6, 8, 9, 9),
    cashDrawProbability: 0.35,
    cashDrawMu: Math.log(8000),
    cashDrawSigma: 0.8,
    peakSensitivity: 0.8,
    revolveProbability: 0.3,
    cureProbability: 0.3,
    dormancyProbability: 0.05,
  },
  STRUGGLING: {
    archetype: 'STRUGGLING',
    description: 'Low income, small everyday tickets nearly all on credit, revolves often, pays late and misses payments.',
    share: 0.1,
    incomeFactor: 0.6,
    baseAnnualPd: 0.16,
    monthlyFrequency: 12,
    ticketMu: Math.log(70),
    ticketSigma: 0.9,
    onlineShare: 0.55,
    payLaterShare: 0.85,
    categoryMix: mix(32, 5, 9, 1, 24, 2, 7, 5, 15),
    cashDrawProbability: 0.25,
    cashDrawMu: Math.log(3000),
    cashDrawSigma: 0.6,
    peakSensitivity: 1.0,
    revolveProbability: 0.45,
    cureProbability: 0.2,
    dormancyProbability: 0,
  },
  FRAUD_LIKE: {
    archetype: 'FRAUD_LIKE',
    description: 'Bust-out pattern: online, resellable goods (electronics, digital), large tickets and cash, then stops paying for good.',
    share: 0.02,
    incomeFactor: 1.0,
    baseAnnualPd: 0.6,
    monthlyFrequency: 20,
    ticketMu: Math.log(500),
    ticketSigma: 0.8,
    onlineShare: 0.92,
    payLaterShare: 0.92,
    categoryMix: mix(4, 45, 10, 6, 3, 0, 0, 7, 25),
    cashDrawProbability: 0.4,
    cashDrawMu: Math.log(15000),
    cashDrawSigma: 0.6,
    peakSensitivity: 1.2,
    revolveProbability: 0.1,
    cureProbability: 0,
    dormancyProbability: 0,
  },
};
