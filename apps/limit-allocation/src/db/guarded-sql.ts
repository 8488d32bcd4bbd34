import type { Product } from '@jc/domain';
import { HARD_PERSON_CAP } from '../model/policy';

/** Column prefix per product; the only values ever spliced into SQL text. */
export const COLUMN: Record<Product, 'cash_loan' | 'pay_later'> = { CASH_LOAN: 'cash_loan', PAY_LATER: 'pay_later' };

/** What one overlay `up` adds to the base limit column `base` of `b`; mirrors increment() in model/uplift.ts to the fen. */
export const overlayIncrement = (base: string) => `coalesce(up.amount, round(b.${base} * (round(up.multiplier * 1000) - 1000) / 1000.0)::bigint)`;

/**
 * What the uplifts active at `now` add to the line of `customer`, as one row of zeros when none are
 * active: cl and pl per product, jt the outer joint bound (each overlay's larger product increment),
 * jcl and jpl the joint room a draw of each product may use (only the overlays naming it).
 * Mirrors upliftIncrements() in model/uplift.ts to the fen.
 */
export function upliftIncrementsCte(customer: string, now: string): string {
  const named = (flag: string) => `coalesce(sum(greatest(x.cl, x.pl)) FILTER (WHERE x.${flag}), 0)::bigint`;
  return `u AS (
    SELECT coalesce(sum(x.cl), 0)::bigint AS cl, coalesce(sum(x.pl), 0)::bigint AS pl, coalesce(sum(greatest(x.cl, x.pl)), 0)::bigint AS jt,
           ${named('cash_loan')} AS jcl, ${named('pay_later')} AS jpl
    FROM (
      SELECT up.cash_loan, up.pay_later,
             CASE WHEN up.cash_loan THEN ${overlayIncrement('cash_loan_limit')} ELSE 0 END AS cl,
             CASE WHEN up.pay_later THEN ${overlayIncrement('pay_later_limit')} ELSE 0 END AS pl
      FROM uplifts up JOIN credit_lines b ON b.customer_id = up.customer_id
      WHERE up.customer_id = ${customer} AND up.starts_at <= ${now} AND up.ends_at > ${now}
    ) x
  )`;
}

/** The per-person cap of the newest policy, as a scalar expression. */
export const currentPersonCap = `coalesce((SELECT (document->>'personCap')::bigint FROM policies ORDER BY version DESC LIMIT 1), ${HARD_PERSON_CAP})::bigint`;

/**
 * The same as one row `pc(cap)`. Read inside the statement that needs it, so an authorisation
 * stays one round trip and always meets the policy in force.
 */
export const personCapCte = `pc AS (SELECT ${currentPersonCap} AS cap)`;

/** An effective joint limit inside an UPDATE of credit_lines l: the base plus `increment`, never past the cap nor below the base. */
export const effectiveJoint = (cap: string, increment: string) => `greatest(l.joint_limit, least(${cap}, l.joint_limit + ${increment}))`;
