import type { Minor, Product } from '@jc/domain';
import type { OptimiserConfig } from './config';
import { currentJoint, jointOverlap } from './joint-limit';
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
  /**
   * Cap on cash loan + pay later: the regulatory cap or the tier's joint maximum, or the joint
   * limit's own change per review if lower, plus the overlap (the joint limit is the sum less it).
   */
  cap: Minor;
  capSource: LimitReason;
  /** See `jointOverlap`. */
  overlap: Minor;
}

export function customerCap(customer: CustomerInput, config: OptimiserConfig): { cap: Minor; capSource: LimitReason } {
  const tierMax = config.tierJointMax[customer.tier];
  return config.regulatoryCap <= tierMax
    ? { cap: config.regulatoryCap, capSource: 'REGULATORY_CAP' }
    : { cap: tierMax, capSource: 'POLICY_MAX' };
}

/**
 * The grid interval a line may take this review. Precedence: never below drawn (hard) > not below
 * the overlap it shares within the joint limit > the per-review change band > the policy range.
 * When the policy range lies outside the band the line moves toward it as far as the band allows,
 * so policy changes roll in over several reviews. Both ends are then put on the step grid; rounding
 * the floor up can push the top above a soft bound by less than one step, never below drawn, and
 * never above a current limit the band did not let rise: a band with no grid point in it keeps the
 * line where it is, off the grid.
 */
export function lineBounds(customer: CustomerInput, product: Product, config: OptimiserConfig, cap: Minor, capSource: LimitReason, overlap: Minor = 0): LineBounds {
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
  if (overlap > lo) {
    lo = overlap;
    loSource = 'JOINT_OVERLAP';
  }
  if (line.drawn > lo) {
    lo = line.drawn;
    loSource = 'NEVER_BELOW_DRAWN';
  }
  const onGrid = Math.ceil(lo / step) * step;
  if (onGrid > hi && onGrid > cur && lo <= cur) {
    lo = hi = Math.max(lo, Math.min(cur, hi));
  } else {
    lo = onGrid;
    hi = Math.max(lo, Math.floor(hi / step) * step);
  }
  return { lo, hi, loSource, hiSource };
}

/**
 * Both lines' intervals and the cap on their sum. With the customer's own change per review, the
 * joint limit is held to it as well: its rise narrows the cap, and where the sub-limits overlap a
 * cut of both would move the joint limit further than either, so their floors rise until it cannot.
 */
export function customerBounds(customer: CustomerInput, config: OptimiserConfig): CustomerBounds {
  const tierCap = customerCap(customer, config);
  const overlap = jointOverlap(customer);
  const cashLoan = lineBounds(customer, 'CASH_LOAN', config, tierCap.cap, tierCap.capSource, overlap);
  const payLater = lineBounds(customer, 'PAY_LATER', config, tierCap.cap, tierCap.capSource, overlap);
  let cap = tierCap.cap + overlap;
  let capSource = tierCap.capSource;
  const own = customer.maxChangeFraction;
  const joint = currentJoint(customer);
  const sum = customer.cashLoan.current + customer.payLater.current;
  if (own !== undefined && joint > 0) {
    const highest = Math.max(sum, joint) + Math.floor(own * joint);
    if (highest < cap) {
      cap = highest;
      capSource = 'MAX_CHANGE';
    }
    if (overlap > 0) holdJointCut(cashLoan, payLater, customer, sum - Math.floor(own * joint), config.step);
  }
  return { cashLoan, payLater, cap, capSource, overlap };
}

/** Raises the two floors, each in proportion to the cut it allowed, until they add up to `lowest`. */
function holdJointCut(cashLoan: LineBounds, payLater: LineBounds, customer: CustomerInput, lowest: Minor, step: Minor): void {
  const need = lowest - cashLoan.lo - payLater.lo;
  if (need <= 0) return;
  const lines = [
    { b: cashLoan, room: Math.max(0, customer.cashLoan.current - cashLoan.lo) },
    { b: payLater, room: Math.max(0, customer.payLater.current - payLater.lo) },
  ];
  const room = lines[0]!.room + lines[1]!.room;
  if (room === 0) return;
  for (const { b, room: own } of lines) {
    const rise = Math.min(own, Math.ceil((need * own) / room / step) * step);
    if (rise <= 0) continue;
    b.lo += rise;
    b.loSource = 'MAX_CHANGE';
    b.hi = Math.max(b.hi, b.lo);
  }
}
