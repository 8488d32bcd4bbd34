import type { Education } from './enums';
import type { Minor } from './money';

/** The onboarding profile owned by credit-scoring. */
export interface CustomerProfile {
  id: string;
  region: string;
  onboardedAt: Date;
  declaredAnnualIncome: Minor;
  birthYear: number;
  education: Education;
}

/** Customer ids are opaque, URL-safe and short: "c_" and 16 lowercase hex digits. */
export const CUSTOMER_ID_PATTERN = /^c_[0-9a-f]{16}$/;

export function isCustomerId(value: unknown): value is string {
  return typeof value === 'string' && CUSTOMER_ID_PATTERN.test(value);
}
