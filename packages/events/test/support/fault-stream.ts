/** The stream the fault tests publish to: private servers only, so one fixed name is enough. */
export const FAULT_STREAM = 'FAULTS';
export const FAULT_SUBJECT_PREFIX = 'faults';
export const FAULT_CONSUMER = 'faults.applied';
