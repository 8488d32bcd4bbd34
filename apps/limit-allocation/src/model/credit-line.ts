import { isCustomerId, isMinor, yuan, type Clock, type LineStatus, type Minor, type Product } from '@jc/domain';

export interface CreditLineRecord {
  customerId: string;
  status: LineStatus;
  jointLimit: Minor;
  cashLoanLimit: Minor;
  cashLoanUsed: Minor;
  payLaterLimit: Minor;
  payLaterUsed: Minor;
  openedAt: Date;
  updatedAt: Date;
}

export interface ProductLineView {
  product: Product;
  limit: Minor;
  used: Minor;
  available: Minor;
}

/** Regulatory ceiling on consumer credit per person across both products (configurable later). */
export const DEFAULT_PERSON_CAP: Minor = yuan(200_000);

export function jointUsed(line: CreditLineRecord): Minor {
  return line.cashLoanUsed + line.payLaterUsed;
}

export function jointAvailable(line: CreditLineRecord): Minor {
  return line.status === 'ACTIVE' ? Math.max(0, line.jointLimit - jointUsed(line)) : 0;
}

/** A product can draw up to its own headroom and never past what the joint limit has left. */
export function productLine(line: CreditLineRecord, product: Product): ProductLineView {
  const limit = product === 'CASH_LOAN' ? line.cashLoanLimit : line.payLaterLimit;
  const used = product === 'CASH_LOAN' ? line.cashLoanUsed : line.payLaterUsed;
  return { product, limit, used, available: Math.min(Math.max(0, limit - used), jointAvailable(line)) };
}

export interface OpenLineInput {
  customerId: string;
  jointLimit: Minor;
  cashLoanLimit: Minor;
  payLaterLimit: Minor;
}

export interface Problem {
  path: string;
  reason: string;
}

export function openLineProblems(input: OpenLineInput, personCap: Minor = DEFAULT_PERSON_CAP): Problem[] {
  const problems: Problem[] = [];
  if (!isCustomerId(input.customerId)) problems.push({ path: 'customerId', reason: 'not a customer id' });
  if (!isMinor(input.jointLimit) || input.jointLimit <= 0) problems.push({ path: 'jointLimit', reason: 'must be positive' });
  else if (input.jointLimit > personCap) problems.push({ path: 'jointLimit', reason: `exceeds the per-person cap of ${personCap / 100} CNY` });
  for (const key of ['cashLoanLimit', 'payLaterLimit'] as const) {
    const value = input[key];
    if (!isMinor(value) || value < 0) problems.push({ path: key, reason: 'must not be negative' });
    else if (isMinor(input.jointLimit) && value > input.jointLimit) problems.push({ path: key, reason: 'cannot exceed the joint limit' });
  }
  return problems;
}

export function openLine(input: OpenLineInput, clock: Clock): CreditLineRecord {
  const now = clock.now();
  return { ...input, status: 'ACTIVE', cashLoanUsed: 0, payLaterUsed: 0, openedAt: now, updatedAt: now };
}
