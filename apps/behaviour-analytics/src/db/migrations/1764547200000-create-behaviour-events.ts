import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBehaviourEvents1764547200000 implements MigrationInterface {
  name = 'CreateBehaviourEvents1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE transactions (
        event_id text PRIMARY KEY,
        customer_id text NOT NULL,
        product text NOT NULL CHECK (product IN ('CASH_LOAN', 'PAY_LATER', 'OTHER')),
        amount bigint NOT NULL CHECK (amount > 0),
        merchant_category text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('ONLINE', 'OFFLINE')),
        occurred_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX transactions_customer_time ON transactions (customer_id, occurred_at)`);
    await q.query(`
      CREATE TABLE repayments (
        event_id text PRIMARY KEY,
        customer_id text NOT NULL,
        product text NOT NULL CHECK (product IN ('CASH_LOAN', 'PAY_LATER')),
        amount bigint NOT NULL CHECK (amount > 0),
        due_date timestamptz NOT NULL,
        paid_at timestamptz
      )`);
    await q.query(`CREATE INDEX repayments_customer_due ON repayments (customer_id, due_date)`);
    // Kept by ingestion from the rows it actually inserted, so statements never rescan raw events.
    await q.query(`
      CREATE TABLE monthly_activity (
        customer_id text NOT NULL,
        month date NOT NULL,
        credit_spend bigint NOT NULL DEFAULT 0,
        other_spend bigint NOT NULL DEFAULT 0,
        transactions integer NOT NULL DEFAULT 0,
        repaid bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (customer_id, month)
      )`);
    await q.query(`
      CREATE TABLE daily_volume (
        day date PRIMARY KEY,
        transactions bigint NOT NULL,
        spend bigint NOT NULL
      )`);
    await q.query(`
      ALTER TABLE behaviour_profiles
        ADD COLUMN rules_version text,
        ADD COLUMN first_seen_at timestamptz,
        ADD COLUMN months_since_first_use integer,
        ADD COLUMN current_days_past_due integer NOT NULL DEFAULT 0,
        ADD COLUMN windows jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`
      CREATE TABLE stage_changes (
        id bigserial PRIMARY KEY,
        customer_id text NOT NULL,
        changed_at timestamptz NOT NULL,
        from_stage text,
        to_stage text NOT NULL CHECK (to_stage IN ('NEW', 'ACTIVE', 'DORMANT', 'HIGH_RISK')),
        reason text NOT NULL,
        rules_version text NOT NULL
      )`);
    await q.query(`CREATE INDEX stage_changes_customer ON stage_changes (customer_id, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stage_changes`);
    await q.query(`
      ALTER TABLE behaviour_profiles DROP COLUMN rules_version, DROP COLUMN first_seen_at,
        DROP COLUMN months_since_first_use, DROP COLUMN current_days_past_due, DROP COLUMN windows`);
    await q.query(`DROP TABLE daily_volume`);
    await q.query(`DROP TABLE monthly_activity`);
    await q.query(`DROP TABLE repayments`);
    await q.query(`DROP TABLE transactions`);
  }
}
