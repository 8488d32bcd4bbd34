import { MERCHANT_CATEGORIES, type MerchantCategory } from '@jc/domain';

export { MERCHANT_CATEGORIES, type MerchantCategory, type TransactionProduct, type TransactionEvent, type RepaymentEvent } from '@jc/domain';

/** Categories of purchases; CASH is only ever a cash-loan drawdown. */
export type PurchaseCategory = Exclude<MerchantCategory, 'CASH'>;
export const PURCHASE_CATEGORIES = MERCHANT_CATEGORIES.filter((c): c is PurchaseCategory => c !== 'CASH');
