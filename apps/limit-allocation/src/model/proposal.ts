import { isOneOf, LIFECYCLE_STAGES, parseMoney, RISK_GRADES } from '@jc/domain';
import type { CustomerRef } from './customer-ref';
import type { RiskSnapshotRecord } from './policy';

/**
 * A risk snapshot from the live score and behaviour the gateway fetched for this request. Behaviour
 * value is the last year's spend; the on-time run is the months since first use when nothing in the
 * last year went past due. Null when the customer has no score yet or a field is not what it should be.
 */
export function snapshotFromRequires(ref: CustomerRef, now: Date): RiskSnapshotRecord | null {
  const profile = ref.creditProfile;
  const behaviour = ref.behaviour;
  if (!profile || !behaviour || ref.declaredAnnualIncome === undefined) return null;
  if (!isOneOf(RISK_GRADES, profile.grade) || !isOneOf(LIFECYCLE_STAGES, behaviour.lifecycleStage)) return null;
  const year = [...behaviour.windows].sort((a, b) => b.days - a.days)[0];
  const cleanYear = (year?.worstDaysPastDue ?? 0) === 0 && behaviour.currentDaysPastDue === 0;
  return {
    customerId: ref.id,
    score: profile.score,
    pd: profile.probabilityOfDefault,
    grade: profile.grade,
    lifecycleStage: behaviour.lifecycleStage,
    region: profile.region,
    declaredIncome: parseMoney(ref.declaredAnnualIncome),
    behaviourValue: year ? parseMoney(year.spend) : 0,
    onTimeRepaymentMonths: cleanYear ? (behaviour.monthsSinceFirstUse ?? 0) : 0,
    overdue: behaviour.currentDaysPastDue > 0,
    asOf: now,
  };
}
