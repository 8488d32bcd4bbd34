import { PRODUCTS, type Channel, type Product } from './enums';
import type { Minor } from './money';

/** OTHER: a purchase the platform sees but that was paid without either credit product. */
export const TRANSACTION_PRODUCTS = [...PRODUCTS, 'OTHER'] as const;
export type TransactionProduct = (typeof TRANSACTION_PRODUCTS)[number];

/** The most events one ingestion call takes: behaviour analytics refuses more, the simulator sends no more. */
export const MAX_EVENTS_PER_CALL = 10_000;

/** CASH is only ever a cash-loan drawdown; the rest are purchase categories. */
export const MERCHANT_CATEGORIES = ['GROCERY', 'ELECTRONICS', 'APPAREL', 'TRAVEL', 'DINING', 'EDUCATION', 'HEALTH', 'HOME', 'DIGITAL', 'CASH'] as const;
export type MerchantCategory = (typeof MERCHANT_CATEGORIES)[number];

/** A consumption or drawdown event, as behaviour analytics ingests it and the simulator produces it. */
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
 * A repayment against one product's statement. When paidAt is set, amount is what was paid; when
 * it is null the payment was missed and amount is the minimum that was due.
 */
export interface RepaymentEvent {
  eventId: string;
  customerId: string;
  product: Product;
  amount: Minor;
  dueDate: Date;
  paidAt: Date | null;
}
