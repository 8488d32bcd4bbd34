import { MERCHANT_CATEGORIES, type MerchantCategory } from '@jc/domain';

/**
 * Position (1-based, as in SQL arrays) of each merchant category in the `category_spend` arrays of
 * customer_daily_activity. Stored arrays depend on this order: a new category may only be appended.
 */
export const CATEGORY_SLOTS: readonly MerchantCategory[] = MERCHANT_CATEGORIES;

/** An aggregate expression: `ARRAY[spend of the first slot's category, …]` over a group's rows, 0 where none. */
export const categorySpendArray = (amount = 'amount', category = 'merchant_category'): string =>
  `ARRAY[${CATEGORY_SLOTS.map((c) => `coalesce(sum(${amount}) FILTER (WHERE ${category} = '${c}'), 0)`).join(', ')}]::bigint[]`;
