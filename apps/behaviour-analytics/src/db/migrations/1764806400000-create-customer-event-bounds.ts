import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * First and last event times per customer, kept by ingestion from the rows it inserts, so deriving
 * a profile never rescans a customer's whole history for them. Backfilled from the stored events.
 */
export class CreateCustomerEventBounds1764806400000 implements MigrationInterface {
  name = 'CreateCustomerEventBounds1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_event_bounds (
        customer_id text PRIMARY KEY,
        first_tx timestamptz,
        first_use timestamptz,
        last_tx timestamptz,
        first_due timestamptz
      )`);
    await q.query(`
      INSERT INTO customer_event_bounds (customer_id, first_tx, first_use, last_tx, first_due)
      SELECT customer_id, min(first_tx), min(first_use), max(last_tx), min(first_due) FROM (
        SELECT customer_id, min(occurred_at) AS first_tx, min(occurred_at) FILTER (WHERE product <> 'OTHER') AS first_use,
               max(occurred_at) AS last_tx, NULL::timestamptz AS first_due
        FROM transactions GROUP BY customer_id
        UNION ALL
        SELECT customer_id, NULL, NULL, NULL, min(due_date) FROM repayments GROUP BY customer_id
      ) e GROUP BY customer_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_event_bounds`);
  }
}
