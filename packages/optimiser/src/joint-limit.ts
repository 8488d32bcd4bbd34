import type { Minor } from '@jc/domain';
import type { CustomerInput } from './types';

type JointView = Pick<CustomerInput, 'currentJointLimit' | 'cashLoan' | 'payLater'>;

/** The joint limit today; without one it is the sum of the sub-limits. */
export const currentJoint = (c: JointView): Minor => c.currentJointLimit ?? c.cashLoan.current + c.payLater.current;

/**
 * How far the two sub-limits add up beyond the joint limit today (0 when they fit within it). A
 * policy usually grants sub-limits that share the joint limit, so their sum is not the exposure.
 * The optimiser holds the overlap fixed: the joint limit moves by the sub-limits' total change,
 * exposure is their sum less the overlap, and neither sub-limit falls below the overlap, which keeps
 * the joint limit at or above each of them.
 */
export const jointOverlap = (c: JointView): Minor => overlapOf(currentJoint(c), c.cashLoan.current + c.payLater.current);

/** How far sub-limits adding up to `sum` reach beyond `joint`; 0 when they fit within it. */
export const overlapOf = (joint: Minor, sum: Minor): Minor => Math.max(0, sum - joint);

/**
 * The joint limit once the sub-limits move from `sumBefore` to `sumAfter` in total: moved by the
 * same amount while the sub-limits overlap; where the joint limit leaves room above them it stays,
 * unless they outgrow it. Either way it is never raised or cut unless the sub-limits are.
 */
export function jointLimitAfter(jointBefore: Minor, sumBefore: Minor, sumAfter: Minor): Minor {
  const overlap = sumBefore - jointBefore;
  return overlap >= 0 ? sumAfter - overlap : Math.max(jointBefore, sumAfter);
}
