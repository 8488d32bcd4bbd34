import { IDEMPOTENCY_KEY_RULE, isCustomerId, isIdempotencyKey, isMinor, isOneOf, MERCHANT_CATEGORIES, PRODUCTS, type Minor, type Product, type UtilisationRecordedV1 } from '@jc/domain';
import type { LineAt } from './credit-line';
import { HARD_PERSON_CAP } from './policy';
import { upliftIncrements } from './uplift';

export type HoldStatus = 'HELD' | 'CAPTURED' | 'RELEASED' | 'EXPIRED';
export type DeclineReason = 'INSUFFICIENT_AVAILABLE' | 'LINE_FROZEN' | 'LINE_CLOSED' | 'PRODUCT_CLOSED';
export type LedgerKind = 'AUTHORIZE' | 'CAPTURE' | 'RELEASE' | 'EXPIRE' | 'REPAY';

export interface HoldRecord {
  id: string;
  customerId: string;
  product: Product;
  amount: Minor;
  captured: Minor;
  status: HoldStatus;
  merchant: string | null;
  expiresAt: Date;
  createdAt: Date;
  settledAt: Date | null;
}

export interface LedgerEntryRecord {
  id: string;
  customerId: string;
  product: Product;
  kind: LedgerKind;
  holdId: string | null;
  heldDelta: Minor;
  usedDelta: Minor;
  at: Date;
}

/** What an idempotency key remembers: the first answer to its request. */
export type AuthorizationOutcome = { approved: true; holdId: string } | { approved: false; declineReason: DeclineReason };

export const DEFAULT_HOLD_SECONDS = 7 * 24 * 3600;
export const MIN_HOLD_SECONDS = 60;
export const MAX_HOLD_SECONDS = 30 * 24 * 3600;
/** No single draw can exceed what one person may ever be granted under any policy. */
export const MAX_DRAW: Minor = HARD_PERSON_CAP;
const HOLD_ID = /^h_[0-9a-f]{32}$/;
const MAX_MERCHANT = 100;

export function isHoldId(value: string): boolean {
  return HOLD_ID.test(value);
}

type Problems = { path: string; reason: string }[];

function amountProblems(problems: Problems, amount: Minor): void {
  if (!isMinor(amount) || amount <= 0) problems.push({ path: 'amount', reason: 'must be positive' });
  else if (amount > MAX_DRAW) problems.push({ path: 'amount', reason: `exceeds the largest possible draw of ${MAX_DRAW / 100} CNY` });
}

function productProblems(problems: Problems, product: string): void {
  if (!PRODUCTS.includes(product as Product)) problems.push({ path: 'product', reason: 'not a product' });
}

export function keyProblems(problems: Problems, key: string): void {
  if (!isIdempotencyKey(key)) problems.push({ path: 'idempotencyKey', reason: IDEMPOTENCY_KEY_RULE });
}

export interface AuthorizeRequest {
  customerId: string;
  product: Product;
  amount: Minor;
  idempotencyKey: string;
  merchant?: string | null;
  expiresIn?: number | null;
}

export function authorizeProblems(req: AuthorizeRequest): Problems {
  const problems: Problems = [];
  if (!isCustomerId(req.customerId)) problems.push({ path: 'customerId', reason: 'not a customer id' });
  productProblems(problems, req.product);
  amountProblems(problems, req.amount);
  keyProblems(problems, req.idempotencyKey);
  if (req.merchant != null && (req.merchant.trim().length === 0 || req.merchant.length > MAX_MERCHANT)) {
    problems.push({ path: 'merchant', reason: `must be 1 to ${MAX_MERCHANT} characters` });
  }
  if (req.expiresIn != null && (!Number.isInteger(req.expiresIn) || req.expiresIn < MIN_HOLD_SECONDS || req.expiresIn > MAX_HOLD_SECONDS)) {
    problems.push({ path: 'expiresIn', reason: `must be ${MIN_HOLD_SECONDS} to ${MAX_HOLD_SECONDS} seconds` });
  }
  return problems;
}

export interface RepayRequest {
  customerId: string;
  product: Product;
  amount: Minor;
  idempotencyKey: string;
}

export function repayProblems(req: RepayRequest): Problems {
  const problems: Problems = [];
  if (!isCustomerId(req.customerId)) problems.push({ path: 'customerId', reason: 'not a customer id' });
  productProblems(problems, req.product);
  amountProblems(problems, req.amount);
  keyProblems(problems, req.idempotencyKey);
  return problems;
}

export function captureProblems(holdId: string, amount: Minor): Problems {
  const problems: Problems = [];
  if (!isHoldId(holdId)) problems.push({ path: 'holdId', reason: 'not a hold id' });
  amountProblems(problems, amount);
  return problems;
}

/** The request an idempotency key is bound to: a second use must match it exactly. */
export function fingerprint(operation: string, req: AuthorizeRequest | RepayRequest): string {
  const r = req as AuthorizeRequest;
  return JSON.stringify([operation, r.customerId, r.product, r.amount, r.merchant ?? null, r.expiresIn ?? null]);
}

export function holdExpiry(now: Date, expiresIn: number | null | undefined): Date {
  return new Date(now.getTime() + (expiresIn ?? DEFAULT_HOLD_SECONDS) * 1000);
}

/**
 * Why the guarded statement placed no hold. It only explains a refusal that already happened, so a
 * race that freed headroom in between still reads as insufficient.
 */
export function declineReason(view: LineAt, product: Product): DeclineReason {
  const { line } = view;
  if (line.status === 'CLOSED') return 'LINE_CLOSED';
  if (line.status === 'FROZEN') return 'LINE_FROZEN';
  const inc = upliftIncrements(line, view.uplifts, view.at);
  const productLimit = product === 'CASH_LOAN' ? line.cashLoanLimit + inc.cashLoan : line.payLaterLimit + inc.payLater;
  if (productLimit === 0 || (product === 'CASH_LOAN' && line.cashLoanDrawsFrozen)) return 'PRODUCT_CLOSED';
  return 'INSUFFICIENT_AVAILABLE';
}

/** What a capture announces: the draw as behaviour analytics will count it, one per hold. */
export function utilisationRecorded(hold: { id: string; customerId: string; product: Product; merchant: string | null }, captured: Minor, at: Date): UtilisationRecordedV1 {
  return {
    customerId: hold.customerId,
    // a hold is captured at most once, so its id names the capture, and a repeated capture request finds it settled
    utilisationId: `capture-${hold.id}`,
    product: hold.product,
    amount: captured,
    occurredAt: at.toISOString(),
    // the merchant is free text; only a known category is worth passing on as one
    merchantCategory: isOneOf(MERCHANT_CATEGORIES, hold.merchant) ? hold.merchant : null,
    channel: null,
  };
}
