import type { Product } from '@jc/domain';

/** Column prefix per product; the only values ever spliced into SQL text. */
export const COLUMN: Record<Product, 'cash_loan' | 'pay_later'> = { CASH_LOAN: 'cash_loan', PAY_LATER: 'pay_later' };

/**
 * What the uplifts active at `now` add to the line of `customer`, as one row (cl, pl, jt) of
 * zeros when none are active. Mirrors upliftIncrements() in model/uplift.ts to the fen.
 */
export function upliftIncrementsCte(customer: string, now: string): string {
  const inc = (base: string) => `coalesce(up.amount, round(b.${base} * (round(up.multiplier * 1000) - 1000) / 1000.0)::bigint)`;
  return `u AS (
    SELECT coalesce(sum(x.cl), 0)::bigint AS cl, coalesce(sum(x.pl), 0)::bigint AS pl, coalesce(sum(greatest(x.cl, x.pl)), 0)::bigint AS jt
    FROM (
      SELECT CASE WHEN up.cash_loan THEN ${inc('cash_loan_limit')} ELSE 0 END AS cl,
             CASE WHEN up.pay_later THEN ${inc('pay_later_limit')} ELSE 0 END AS pl
      FROM uplifts up JOIN credit_lines b ON b.customer_id = up.customer_id
      WHERE up.customer_id = ${customer} AND up.starts_at <= ${now} AND up.ends_at > ${now}
    ) x
  )`;
}

/** The effective joint limit inside an UPDATE of credit_lines l joined with u. */
export const effectiveJoint = (cap: string) => `greatest(l.joint_limit, least(${cap}, l.joint_limit + u.jt))`;
