import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The budget counts a line as its joint limit plus what its overlays add, and a multiplier
 * overlay adds a share of the product base limits. A statement that raised a sub-limit under a
 * multiplier overlay therefore raised the counted exposure, yet the statement trigger only checked
 * the budget when the joint-limit contribution rose. Now a line counts as raised when its counted
 * exposure rises: the joint contribution plus the growth of its multiplier overlays (those not yet
 * ended, on a line not closed, as portfolio_overlay_exposure counts them). That growth is looked up
 * only for lines whose product base rose, so a draw still never reads the uplifts, nor waits on the
 * budget row. `granted` keeps following the joint limits; the overlays are summed at each check.
 */
const overlayJoint = (cl: string, pl: string) => `greatest(
  CASE WHEN up.cash_loan THEN round(${cl} * (round(up.multiplier * 1000) - 1000) / 1000.0)::bigint ELSE 0 END,
  CASE WHEN up.pay_later THEN round(${pl} * (round(up.multiplier * 1000) - 1000) / 1000.0)::bigint ELSE 0 END)`;

const PREVIOUS = `
  CREATE OR REPLACE FUNCTION portfolio_granted_follows_changed_lines() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM portfolio_budget_takes(sum(moved)::bigint, min(at) FILTER (WHERE moved > 0))
    FROM (
      SELECT sum(contribution) AS moved, min(updated_at) AS at
      FROM (
        SELECT customer_id, CASE WHEN status = 'CLOSED' THEN 0 ELSE joint_limit END AS contribution, updated_at FROM after_change
        UNION ALL
        SELECT customer_id, CASE WHEN status = 'CLOSED' THEN 0 ELSE -joint_limit END, NULL FROM before_change
      ) moves
      GROUP BY customer_id
    ) lines
    HAVING sum(moved) <> 0 OR bool_or(moved > 0);
    RETURN NULL;
  END $$`;

export class BudgetFollowsCountedExposure1765584000000 implements MigrationInterface {
  name = 'BudgetFollowsCountedExposure1765584000000';

  async up(q: QueryRunner): Promise<void> {
    // rows still paired by grouping rather than joining, as before
    await q.query(`
      CREATE OR REPLACE FUNCTION portfolio_granted_follows_changed_lines() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM portfolio_budget_takes(sum(lines.moved)::bigint, min(lines.at) FILTER (WHERE lines.moved + coalesce(o.grown, 0) > 0))
        FROM (
          SELECT customer_id, sum(contribution) AS moved, min(updated_at) AS at,
                 max(cl) FILTER (WHERE after) AS cl_after, max(cl) FILTER (WHERE NOT after) AS cl_before,
                 max(pl) FILTER (WHERE after) AS pl_after, max(pl) FILTER (WHERE NOT after) AS pl_before,
                 bool_or(after AND status <> 'CLOSED') AS open_after
          FROM (
            SELECT customer_id, true AS after, status, CASE WHEN status = 'CLOSED' THEN 0 ELSE joint_limit END AS contribution,
                   cash_loan_limit AS cl, pay_later_limit AS pl, updated_at FROM after_change
            UNION ALL
            SELECT customer_id, false, status, CASE WHEN status = 'CLOSED' THEN 0 ELSE -joint_limit END, cash_loan_limit, pay_later_limit, NULL FROM before_change
          ) moves
          GROUP BY customer_id
        ) lines
        LEFT JOIN LATERAL (
          SELECT sum(${overlayJoint('lines.cl_after', 'lines.pl_after')} - ${overlayJoint('lines.cl_before', 'lines.pl_before')}) AS grown
          FROM uplifts up
          WHERE lines.open_after AND (lines.cl_after > lines.cl_before OR lines.pl_after > lines.pl_before)
            AND up.customer_id = lines.customer_id AND up.ends_at > lines.at AND up.multiplier IS NOT NULL
        ) o ON true
        HAVING sum(lines.moved) <> 0 OR bool_or(lines.moved + coalesce(o.grown, 0) > 0);
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(PREVIOUS);
  }
}
