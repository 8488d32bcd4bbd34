export const PRODUCTS = ['CASH_LOAN', 'PAY_LATER'] as const;
export type Product = (typeof PRODUCTS)[number];

export const LIFECYCLE_STAGES = ['NEW', 'ACTIVE', 'DORMANT', 'HIGH_RISK'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** A (best) to E (worst), assigned from score bands. */
export const RISK_GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
export type RiskGrade = (typeof RISK_GRADES)[number];

export const CUSTOMER_TIERS = ['HIGH_VALUE', 'STANDARD', 'MEDIUM_RISK', 'HIGH_RISK'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export const EDUCATION_LEVELS = ['GRADUATE', 'UNIVERSITY', 'HIGH_SCHOOL', 'OTHER'] as const;
export type Education = (typeof EDUCATION_LEVELS)[number];

export const CHANNELS = ['ONLINE', 'OFFLINE'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LINE_STATUSES = ['ACTIVE', 'FROZEN', 'CLOSED'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

export const ROLES = ['CUSTOMER', 'ANALYST', 'ADMIN', 'SERVICE'] as const;
export type Role = (typeof ROLES)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
