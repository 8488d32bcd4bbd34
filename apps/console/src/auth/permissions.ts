import type { Session } from './session';

/** What the console offers each role; the API enforces the same rules on its side. */
export const isStaff = (s: Session) => s.role === 'ANALYST' || s.role === 'ADMIN';
export const canChangeData = (s: Session) => s.role === 'ADMIN';
export const canOpenCustomer = (s: Session, customerId: string) =>
  isStaff(s) || (s.role === 'CUSTOMER' && s.customerId === customerId);
