import type { LifecycleStage } from '@jc/domain';
import type { FeatureWindowRecord } from './features';

export interface BehaviourProfileRecord {
  customerId: string;
  lifecycleStage: LifecycleStage;
  /** When the profile was last derived; null when the platform knows nothing of the customer. */
  asOf: Date | null;
  rulesVersion: string | null;
  monthsSinceFirstUse: number | null;
  currentDaysPastDue: number;
  windows: FeatureWindowRecord[];
}

/** The profile of a customer with no history: every customer starts NEW. */
export function emptyProfile(customerId: string): BehaviourProfileRecord {
  return { customerId, lifecycleStage: 'NEW', asOf: null, rulesVersion: null, monthsSinceFirstUse: null, currentDaysPastDue: 0, windows: [] };
}

export interface StageChangeRecord {
  id: number;
  customerId: string;
  at: Date;
  from: LifecycleStage | null;
  to: LifecycleStage;
  reason: string;
  rulesVersion: string;
}
