import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A customer's first repayment evidence is the earlier of its due date and its payment: an amount
 * paid ahead of a due date weeks away shows the customer, and the use of the line, when it was
 * paid. The bound held only the due date, so such a customer was "first seen" in the future.
 * Backfilled from the stored repayments; profiles written from the old bound are due again, so the
 * next stage sweep derives them afresh.
 */
export class FirstRepaymentBound1766016000000 implements MigrationInterface {
  name = 'FirstRepaymentBound1766016000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer_event_bounds RENAME COLUMN first_due TO first_repayment`);
    await q.query(`
      UPDATE customer_event_bounds b SET first_repayment = p.first_paid
      FROM (SELECT customer_id, min(paid_at) AS first_paid FROM repayments WHERE paid_at IS NOT NULL GROUP BY customer_id) p
      WHERE p.customer_id = b.customer_id AND p.first_paid < b.first_repayment`);
    await q.query(`UPDATE behaviour_profiles SET stage_due_at = as_of WHERE first_seen_at > as_of`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE customer_event_bounds b SET first_repayment = r.first_due
      FROM (SELECT customer_id, min(due_date) AS first_due FROM repayments GROUP BY customer_id) r
      WHERE r.customer_id = b.customer_id`);
    await q.query(`ALTER TABLE customer_event_bounds RENAME COLUMN first_repayment TO first_due`);
  }
}
