import type { MigrationInterface, QueryRunner } from 'typeorm';
import { categorySpendArray } from '../category-slots';

/**
 * customer_daily_activity: per customer and UTC day, the sums the feature windows need, kept by
 * ingestion from the rows it inserts, so a window total reads at most one small row per day instead
 * of every transaction (backfilled from the stored ones). customer_limits: the line limits
 * limit.changed announced, with history, so a statement carries the limit known at its month's end.
 * behaviour_published: the last behaviour.updated payload per customer, which the next derivation
 * compares with to decide whether a change is worth announcing.
 */
export class AddDailyActivityLimitsAndPublished1765152000000 implements MigrationInterface {
  name = 'AddDailyActivityLimitsAndPublished1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_daily_activity (
        customer_id text NOT NULL,
        day date NOT NULL,
        transactions integer NOT NULL,
        spend bigint NOT NULL,
        online integer NOT NULL,
        category_spend bigint[] NOT NULL,
        PRIMARY KEY (customer_id, day)
      )`);
    await q.query(`
      INSERT INTO customer_daily_activity (customer_id, day, transactions, spend, online, category_spend)
      SELECT customer_id, (occurred_at AT TIME ZONE 'UTC')::date, count(*), sum(amount), count(*) FILTER (WHERE channel = 'ONLINE'), ${categorySpendArray()}
      FROM transactions GROUP BY 1, 2`);
    await q.query(`
      CREATE TABLE customer_limits (
        decision_id text PRIMARY KEY,
        customer_id text NOT NULL,
        decided_at timestamptz NOT NULL,
        joint_limit bigint NOT NULL CHECK (joint_limit >= 0),
        cash_loan_limit bigint NOT NULL CHECK (cash_loan_limit >= 0),
        pay_later_limit bigint NOT NULL CHECK (pay_later_limit >= 0)
      )`);
    await q.query(`CREATE INDEX customer_limits_customer_time ON customer_limits (customer_id, decided_at)`);
    await q.query(`
      CREATE TABLE behaviour_published (
        customer_id text PRIMARY KEY,
        payload jsonb NOT NULL,
        published_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['behaviour_published', 'customer_limits', 'customer_daily_activity']) await q.query(`DROP TABLE ${table}`);
  }
}
