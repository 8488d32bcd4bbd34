import type { Minor, Product } from '@jc/domain';
import type { OptimiserConfig } from './config';
import type { CustomerInput, LimitReason } from './types';

export interface LineBounds {
  lo: Minor;
  hi: Minor;
  /** What stops the line going lower / higher, reported when that bound binds. */
  loSource: LimitReason;
  hiSource: LimitReason;
}

export interface CustomerBounds {
  cashLoan: LineBounds;
  payLater: LineBounds;
  /** Cap on cash loan + pay later: the regulatory cap or the tier's joint maximum. */
  cap: Minor;
  capSource: LimitReason;
}

export function customerCap(customer: CustomerInput, config: OptimiserConfig): { cap: Minor; capSource: LimitReason } {
  const tierMax = config.tierJointMax[customer.tier];
  return config.regulatoryCap <= tierMax
    ? { cap: config.regulatoryCap, capSource: 'REGULATORY_CAP' }
    : { cap: tierMax, capSource: 'POLICY_MAX' };
}

/**
 * The grid interval a line may take this review. Precedence: never below drawn (hard) > the
 * per-review change band > the policy range. When the policy range lies outside the band the line
 * moves toward it as far as the band allows, so policy changes roll in over several reviews.
 * Both ends are then put on the step grid; rounding the floor up can push the top above a soft
 * bound by less than one step, never below drawn.
 */
export function lineBounds(customer: CustomerInput, product: Product, config: OptimiserConfig, cap: Minor, capSource: LimitReason): LineBounds {
  const line = product === 'CASH_LOAN' ? customer.cashLoan : customer.payLater;
  const pol = config.policy[customer.stage][product];
  const cur = line.current;
  const step = config.step;

  const policyMax = Math.floor(pol.max * config.tierMaxMultiplier[customer.tier]);
  const top = Math.min(policyMax, cap);
  const topSource: LimitReason = policyMax <= cap ? 'POLICY_MAX' : capSource;
  const bottom = Math.min(pol.min, top);
  const own = customer.maxChangeFraction;
  const ownBound = own !== undefined && cur > 0;
  const bandLo = ownBound ? cur - Math.min(pol.maxDecreaseFraction, own) * cur : cur - pol.maxDecreaseFraction * cur;
  const stageUp = Math.max(pol.maxIncreaseFraction * cur, pol.maxIncreaseAbsolute);
  const bandHi = cur + (ownBound ? Math.min(stageUp, own * cur) : stageUp);

  let lo: number;
  let hi: number;
  let loSource: LimitReason;
  let hiSource: LimitReason;
  if (top < bandLo) {
    lo = hi = bandLo;
    loSource = 'MAX_CHANGE';
    hiSource = topSource;
  } else if (bottom > bandHi) {
    lo = hi = bandHi;
    loSource = 'POLICY_MIN';
    hiSource = 'MAX_CHANGE';
  } else {
    lo = Math.max(bottom, bandLo);
    loSource = bottom >= bandLo ? 'POLICY_MIN' : 'MAX_CHANGE';
    hi = Math.min(top, bandHi);
    hiSource = top <= bandHi ? topSource : 'MAX_CHANGE';
  }
  if (line.drawn > lo) {
    lo = line.drawn;
    loSource = 'NEVER_BELOW_DRAWN';
  }
  lo = Math.ceil(lo / step) * step;
  hi = Math.max(lo, Math.floor(hi / step) * step);
  return { lo, hi, loSource, hiSource };
}

export function customerBounds(customer: CustomerInput, config: OptimiserConfig): CustomerBounds {
  const { cap, capSource } = customerCap(customer, config);
  return {
    cashLoan: lineBounds(customer, 'CASH_LOAN', config, cap, capSource),
    payLater: lineBounds(customer, 'PAY_LATER', config, cap, capSource),
    cap,
    capSource,
  };
}
