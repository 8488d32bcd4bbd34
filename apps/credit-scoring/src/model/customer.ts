import { randomBytes } from 'node:crypto';
import {
  EDUCATION_LEVELS,
  IDEMPOTENCY_KEY_RULE,
  isIdempotencyKey,
  isMinor,
  isOneOf,
  isRegionCode,
  yuan,
  type Clock,
  type CustomerProfile,
  type Education,
  type Minor,
} from '@jc/domain';

export type CustomerRecord = CustomerProfile;

export interface OnboardingInput {
  region: string;
  declaredAnnualIncome: Minor;
  birthYear: number;
  education: Education;
  /** The same key with the same request gives back the customer it onboarded. */
  idempotencyKey?: string | null;
}

export const MIN_AGE = 18;
export const MAX_AGE = 100;
/** Declared incomes above CNY 100 million a year are treated as entry errors. */
export const MAX_DECLARED_INCOME: Minor = yuan(100_000_000);

export interface Problem {
  path: string;
  reason: string;
}

/** Every reason the onboarding input is unacceptable; empty when it is fine. */
export function onboardingProblems(input: OnboardingInput, clock: Clock): Problem[] {
  const problems: Problem[] = [];
  if (!isRegionCode(input.region)) problems.push({ path: 'region', reason: 'not a province-level GB/T 2260 code' });
  if (!isMinor(input.declaredAnnualIncome) || input.declaredAnnualIncome < 0) {
    problems.push({ path: 'declaredAnnualIncome', reason: 'must not be negative' });
  } else if (input.declaredAnnualIncome > MAX_DECLARED_INCOME) {
    problems.push({ path: 'declaredAnnualIncome', reason: 'exceeds CNY 100,000,000' });
  }
  const year = clock.now().getUTCFullYear();
  if (!Number.isInteger(input.birthYear) || input.birthYear > year - MIN_AGE || input.birthYear < year - MAX_AGE) {
    problems.push({ path: 'birthYear', reason: `customer must be ${MIN_AGE} to ${MAX_AGE} years old` });
  }
  if (!isOneOf(EDUCATION_LEVELS, input.education)) problems.push({ path: 'education', reason: 'unknown education level' });
  if (input.idempotencyKey != null && !isIdempotencyKey(input.idempotencyKey)) problems.push({ path: 'idempotencyKey', reason: IDEMPOTENCY_KEY_RULE });
  return problems;
}

export function newCustomerId(): string {
  return `c_${randomBytes(8).toString('hex')}`;
}

/** What an onboarding request asks for: a repeated idempotency key must carry the same. */
export function onboardingFingerprint({ region, declaredAnnualIncome, birthYear, education }: OnboardingInput): string {
  return JSON.stringify([region, declaredAnnualIncome, birthYear, education]);
}

export function onboard({ region, declaredAnnualIncome, birthYear, education }: OnboardingInput, clock: Clock, id = newCustomerId()): CustomerRecord {
  return { id, region, declaredAnnualIncome, birthYear, education, onboardedAt: clock.now() };
}
