import type { LineStatus, Minor, Product } from '@jc/domain';

/** What of a line decides whether an uplift may go on it. */
export interface UpliftTarget {
  status: LineStatus;
  cashLoanLimit: Minor;
  payLaterLimit: Minor;
}

export type UpliftRefusal = { kind: 'LINE_NOT_ACTIVE'; reason: string } | { kind: 'PRODUCT_CLOSED'; path: 'products'; reason: string };

/** A product is open on a line when its base limit is above zero, as a campaign decides it. */
export const isProductOpen = (line: Pick<UpliftTarget, 'cashLoanLimit' | 'payLaterLimit'>, product: Product): boolean =>
  (product === 'CASH_LOAN' ? line.cashLoanLimit : line.payLaterLimit) > 0;

/**
 * Why an uplift may not go on this line, or null. Only an ACTIVE line takes one, as only ACTIVE
 * lines take a campaign's overlay: a frozen or closed line draws nothing. And an uplift raises a
 * product's limit, it never opens one the policy keeps closed (a NEW customer's CASH_LOAN).
 */
export function upliftRefusal(line: UpliftTarget, products: readonly Product[]): UpliftRefusal | null {
  if (line.status !== 'ACTIVE') return { kind: 'LINE_NOT_ACTIVE', reason: `the line is ${line.status}; only an ACTIVE line takes an uplift` };
  const closed = products.filter((p) => !isProductOpen(line, p));
  if (closed.length > 0) {
    return { kind: 'PRODUCT_CLOSED', path: 'products', reason: `${closed.join(' and ')} is not open on this line (base limit 0); an uplift raises open products only` };
  }
  return null;
}
