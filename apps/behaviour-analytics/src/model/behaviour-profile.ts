import type { LifecycleStage } from '@jc/domain';

export interface BehaviourProfileRecord {
  customerId: string;
  lifecycleStage: LifecycleStage;
  /** When the profile was last derived; null when the platform knows nothing of the customer. */
  asOf: Date | null;
}

/** The profile of a customer with no history: every customer starts NEW. */
export function emptyProfile(customerId: string): BehaviourProfileRecord {
  return { customerId, lifecycleStage: 'NEW', asOf: null };
}
