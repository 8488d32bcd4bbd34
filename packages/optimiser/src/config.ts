import type { CustomerTier, LifecycleStage, Minor, Product } from '@jc/domain';
import { yuan } from '@jc/domain';

/** How balance responds to limit (README, "Balance response"). */
export interface ResponseParams {
  /** PD at or below which a customer counts as prime (≈ FICO 740+). */
  pdPrime: number;
  /** PD at or above which a customer counts as subprime (≈ FICO ≤ 660). */
  pdSubprime: number;
  /** Marginal balance per unit of limit increase for prime customers. */
  responsePrime: number;
  /** Marginal balance per unit of limit increase for subprime customers. */
  responseSubprime: number;
  /** Ceiling on the slope of the balance curve: balance can never outgrow the limit. */
  maxSlope: number;
}

export interface ProductParams {
  lgd: number;
  /** Behavioural credit conversion factor: share of undrawn limit drawn before default (EL). */
  ccfLoss: number;
  /** Regulatory credit conversion factor on undrawn commitments (capital). */
  ccfCapital: number;
  /** Scales the risk-based response curve for this product. */
  responseMultiplier: number;
  /** Saturation scale of extra borrowing as a share of annual income. */
  saturationIncomeShare: number;
  /** Floor of the saturation scale. */
  saturationMin: Minor;
}

export interface PayLaterRevenueParams {
  /** Merchant discount rate charged on spend. */
  merchantDiscountRate: number;
  /** Annual spend per unit of average balance (statement balances turn over about monthly). */
  annualTurnover: number;
  /** Share of the balance converted to instalment plans. */
  instalmentShare: number;
  /** Annualised instalment fee on the instalment balance. */
  instalmentFeeRate: number;
}

export interface CapitalParams {
  riskWeight: number;
  capitalRatio: number;
  /** Required annual return on the capital held. */
  hurdleRate: number;
}

export interface ProductPolicy {
  min: Minor;
  max: Minor;
  /** Increase allowed per review: the larger of the fraction of the current limit and the absolute amount. */
  maxIncreaseFraction: number;
  maxIncreaseAbsolute: Minor;
  /** Decrease allowed per review as a fraction of the current limit. */
  maxDecreaseFraction: number;
}

export interface OptimiserConfig {
  /** Limits are granted in whole steps of this size. */
  step: Minor;
  /** Per-person consumer-credit cap across both products. */
  regulatoryCap: Minor;
  aprCap: number;
  fundingRate: number;
  capital: CapitalParams;
  response: ResponseParams;
  payLater: PayLaterRevenueParams;
  products: Record<Product, ProductParams>;
  policy: Record<LifecycleStage, Record<Product, ProductPolicy>>;
  /** Multiplies each product's policy max by tier. */
  tierMaxMultiplier: Record<CustomerTier, number>;
  /** Joint (cash loan + pay later) maximum by tier, further capped by `regulatoryCap`. */
  tierJointMax: Record<CustomerTier, Minor>;
}

const policy = (min: number, max: number, upFrac: number, upAbs: number, downFrac: number): ProductPolicy => ({
  min: yuan(min),
  max: yuan(max),
  maxIncreaseFraction: upFrac,
  maxIncreaseAbsolute: yuan(upAbs),
  maxDecreaseFraction: downFrac,
});

/** Defaults; README "Parameters" gives the source or assumption behind each. */
export const DEFAULT_CONFIG: OptimiserConfig = {
  step: yuan(100),
  regulatoryCap: yuan(200_000),
  aprCap: 0.24,
  fundingRate: 0.035,
  capital: { riskWeight: 0.75, capitalRatio: 0.105, hurdleRate: 0.12 },
  response: { pdPrime: 0.01, pdSubprime: 0.08, responsePrime: 0.02, responseSubprime: 0.59, maxSlope: 1 },
  payLater: { merchantDiscountRate: 0.006, annualTurnover: 12, instalmentShare: 0.25, instalmentFeeRate: 0.12 },
  products: {
    CASH_LOAN: { lgd: 0.85, ccfLoss: 0.5, ccfCapital: 0.1, responseMultiplier: 1, saturationIncomeShare: 0.3, saturationMin: yuan(2_000) },
    PAY_LATER: { lgd: 0.85, ccfLoss: 0.5, ccfCapital: 0.1, responseMultiplier: 1, saturationIncomeShare: 0.08, saturationMin: yuan(500) },
  },
  policy: {
    NEW: { CASH_LOAN: policy(0, 0, 0, 0, 0), PAY_LATER: policy(0, 10_000, 0.5, 2_000, 0) },
    ACTIVE: { CASH_LOAN: policy(0, 100_000, 0.5, 5_000, 0), PAY_LATER: policy(0, 30_000, 0.1, 500, 0) },
    DORMANT: { CASH_LOAN: policy(0, 50_000, 0, 0, 0.5), PAY_LATER: policy(0, 20_000, 0, 0, 0.5) },
    HIGH_RISK: { CASH_LOAN: policy(0, 20_000, 0, 0, 0.5), PAY_LATER: policy(0, 5_000, 0, 0, 0.5) },
  },
  tierMaxMultiplier: { HIGH_VALUE: 1.5, STANDARD: 1, MEDIUM_RISK: 0.8, HIGH_RISK: 0.5 },
  tierJointMax: { HIGH_VALUE: yuan(200_000), STANDARD: yuan(150_000), MEDIUM_RISK: yuan(80_000), HIGH_RISK: yuan(30_000) },
};

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = merge(base[key], value);
  return out;
}

/** Overrides are merged field by field onto the defaults; validation happens in `validateConfig`. */
export function resolveConfig(overrides?: DeepPartial<OptimiserConfig>): OptimiserConfig {
  return merge(DEFAULT_CONFIG, overrides) as OptimiserConfig;
}
