import type { LifecycleStage } from '@jc/domain';
import type { BehaviourFeatures } from './features';
import type { LifecycleRules } from './lifecycle-rules';
import { DAY_MS } from './repayment-history';

export interface StageDecision {
  stage: LifecycleStage;
  reason: string;
}

/** The only features the stage rules read. */
export interface StageFacts {
  currentDaysPastDue: number;
  worstDaysPastDue365: number;
  daysSinceLastTransaction: number | null;
}

export function stageFacts(features: BehaviourFeatures): StageFacts {
  return {
    currentDaysPastDue: features.currentDaysPastDue,
    worstDaysPastDue365: features.windows.find((w) => w.days === 365)?.worstDaysPastDue ?? 0,
    daysSinceLastTransaction: features.daysSinceLastTransaction,
  };
}

export function decideStage(features: BehaviourFeatures, firstSeenAt: Date, asOf: Date, rules: LifecycleRules): StageDecision {
  return decideStageFrom(stageFacts(features), firstSeenAt, asOf, rules);
}

/**
 * The stage the rules give a customer first seen at `firstSeenAt`. Risk comes first because a
 * new or dormant customer who is overdue must still be watched as HIGH_RISK.
 */
export function decideStageFrom(features: StageFacts, firstSeenAt: Date, asOf: Date, rules: LifecycleRules): StageDecision {
  const worst365 = features.worstDaysPastDue365;
  if (features.currentDaysPastDue >= rules.highRisk.currentDaysPastDue) {
    return { stage: 'HIGH_RISK', reason: `${features.currentDaysPastDue} days past due (threshold ${rules.highRisk.currentDaysPastDue})` };
  }
  if (worst365 >= rules.highRisk.worstDaysPastDue365) {
    return { stage: 'HIGH_RISK', reason: `worst ${worst365} days past due in 365 days (threshold ${rules.highRisk.worstDaysPastDue365})` };
  }
  const knownDays = Math.floor((asOf.getTime() - firstSeenAt.getTime()) / DAY_MS);
  if (knownDays < rules.newCustomerDays) {
    return { stage: 'NEW', reason: `first seen ${knownDays} days ago (new for ${rules.newCustomerDays})` };
  }
  const idle = features.daysSinceLastTransaction;
  if (idle === null || idle >= rules.dormant.inactiveDays) {
    return { stage: 'DORMANT', reason: idle === null ? 'no transactions' : `no transaction for ${idle} days (threshold ${rules.dormant.inactiveDays})` };
  }
  const late = features.currentDaysPastDue;
  const repayments = late > 0 ? `${late} days past due (HIGH_RISK from ${rules.highRisk.currentDaysPastDue})` : 'current on repayments';
  return { stage: 'ACTIVE', reason: `transacted ${idle} days ago and ${repayments}` };
}
