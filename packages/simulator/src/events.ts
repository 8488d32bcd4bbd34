import type { Channel, Minor, Product } from '@jc/domain';

export const MERCHANT_CATEGORIES = [
  'GROCERY',
  'ELECTRONICS',
  'APPAREL',
  'TRAVEL',
  'DINING',
  'EDUCATION',
  'HEALTH',
  'HOME',
  'DIGITAL',
  'CASH',
] as const;
export type MerchantCategory = (typeof MERCHANT_CATEGORIES)[number];
/** Categories of purchases; CASH is only ever a cash-loan drawdown. */
export type PurchaseCategory = Exclude<MerchantCategory, 'CASH'>;
export const PURCHASE_CATEGORIES = MERCHANT_CATEGORIES.filter((c): c is PurchaseCategory => c !== 'CASH');

/** OTHER: a purchase the platform sees but that was paid without either credit product. */
export type TransactionProduct = Product | 'OTHER';

export interface TransactionEvent {
  eventId: string;
  customerId: string;
  product: TransactionProduct;
  /** Always > 0. */
  amount: Minor;
  merchantCategory: MerchantCategory;
  channel: Channel;
  occurredAt: Date;
}

/**
 * One record per monthly statement and product with something due, for statements due before the
 * end of the simulated range. When paidAt is set, amount is what was paid (full balance, or at
 * least the minimum for a revolving PAY_LATER balance). When paidAt is null the payment was
 * missed (or not made by the end of the range) and amount is the minimum that was due; the arrears
 * roll into the next statement, so a later payment can cure them.
 */
export interface RepaymentEvent {
  eventId: string;
  customerId: string;
  product: Product;
  amount: Minor;
  dueDate: Date;
  paidAt: Date | null;
}
