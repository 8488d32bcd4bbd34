import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-phase utilisation. The line keeps held and used per product, plus the effective ceilings the
 * guarded statements last checked against (base limit plus the uplifts active at that moment), so
 * the database itself refuses any row whose used + held exceeds them. A ceiling only moves when a
 * movement is applied and never below what is already used + held: an expired uplift clamps new
 * draws but never claws back.
 */
export class AddHoldsLedgerUplifts1764547200000 implements MigrationInterface {
  name = 'AddHoldsLedgerUplifts1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE credit_lines
        ADD COLUMN tier text NOT NULL DEFAULT 'STANDARD' CHECK (tier IN ('HIGH_VALUE', 'STANDARD', 'MEDIUM_RISK', 'HIGH_RISK')),
        ADD COLUMN cash_loan_held bigint NOT NULL DEFAULT 0 CHECK (cash_loan_held >= 0),
        ADD COLUMN pay_later_held bigint NOT NULL DEFAULT 0 CHECK (pay_later_held >= 0),
        ADD COLUMN cash_loan_ceiling bigint,
        ADD COLUMN pay_later_ceiling bigint,
        ADD COLUMN joint_ceiling bigint,
        ADD COLUMN cash_loan_apr numeric(6,4) NOT NULL DEFAULT 0.18 CHECK (cash_loan_apr >= 0 AND cash_loan_apr <= 0.24),
        ADD COLUMN pay_later_apr numeric(6,4) NOT NULL DEFAULT 0.18 CHECK (pay_later_apr >= 0 AND pay_later_apr <= 0.24),
        ADD COLUMN cash_loan_draws_frozen boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE credit_lines SET cash_loan_ceiling = cash_loan_limit, pay_later_ceiling = pay_later_limit, joint_ceiling = joint_limit`);
    await q.query(`
      ALTER TABLE credit_lines
        ALTER COLUMN cash_loan_ceiling SET NOT NULL,
        ALTER COLUMN pay_later_ceiling SET NOT NULL,
        ALTER COLUMN joint_ceiling SET NOT NULL,
        DROP CONSTRAINT cash_loan_within_limit,
        DROP CONSTRAINT pay_later_within_limit,
        DROP CONSTRAINT joint_within_limit,
        ADD CONSTRAINT cash_loan_within_limit CHECK (cash_loan_used + cash_loan_held <= cash_loan_ceiling),
        ADD CONSTRAINT pay_later_within_limit CHECK (pay_later_used + pay_later_held <= pay_later_ceiling),
        ADD CONSTRAINT joint_within_limit CHECK (cash_loan_used + cash_loan_held + pay_later_used + pay_later_held <= joint_ceiling)`);

    await q.query(`
      CREATE TABLE uplifts (
        id text PRIMARY KEY,
        customer_id text NOT NULL REFERENCES credit_lines (customer_id),
        cash_loan boolean NOT NULL,
        pay_later boolean NOT NULL,
        amount bigint CHECK (amount > 0),
        multiplier numeric(6,3) CHECK (multiplier > 1 AND multiplier <= 10),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT uplift_has_one_kind CHECK ((amount IS NULL) <> (multiplier IS NULL)),
        CONSTRAINT uplift_has_products CHECK (cash_loan OR pay_later),
        CONSTRAINT uplift_dates CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX uplifts_customer_ends ON uplifts (customer_id, ends_at)`);

    await q.query(`
      CREATE TABLE holds (
        id text PRIMARY KEY,
        customer_id text NOT NULL REFERENCES credit_lines (customer_id),
        product text NOT NULL CHECK (product IN ('CASH_LOAN', 'PAY_LATER')),
        amount bigint NOT NULL CHECK (amount > 0),
        captured bigint NOT NULL DEFAULT 0 CHECK (captured >= 0 AND captured <= amount),
        status text NOT NULL CHECK (status IN ('HELD', 'CAPTURED', 'RELEASED', 'EXPIRED')),
        merchant text,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        settled_at timestamptz
      )`);
    await q.query(`CREATE INDEX holds_open_expiry ON holds (expires_at) WHERE status = 'HELD'`);

    await q.query(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        customer_id text NOT NULL REFERENCES credit_lines (customer_id),
        product text NOT NULL CHECK (product IN ('CASH_LOAN', 'PAY_LATER')),
        kind text NOT NULL CHECK (kind IN ('AUTHORIZE', 'CAPTURE', 'RELEASE', 'EXPIRE', 'REPAY')),
        hold_id text REFERENCES holds (id),
        held_delta bigint NOT NULL,
        used_delta bigint NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ledger_customer ON ledger_entries (customer_id, id)`);
    // append-only: the ledger is the audit trail the line's balances are reconciled against
    await q.query(`
      CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_entries is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_no_change BEFORE UPDATE OR DELETE ON ledger_entries
        FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        key text PRIMARY KEY,
        operation text NOT NULL,
        request text NOT NULL,
        result jsonb,
        created_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE ledger_entries`);
    await q.query(`DROP FUNCTION ledger_entries_append_only()`);
    await q.query(`DROP TABLE holds`);
    await q.query(`DROP TABLE uplifts`);
    await q.query(`
      ALTER TABLE credit_lines
        DROP CONSTRAINT cash_loan_within_limit,
        DROP CONSTRAINT pay_later_within_limit,
        DROP CONSTRAINT joint_within_limit,
        DROP COLUMN tier, DROP COLUMN cash_loan_held, DROP COLUMN pay_later_held,
        DROP COLUMN cash_loan_ceiling, DROP COLUMN pay_later_ceiling, DROP COLUMN joint_ceiling,
        DROP COLUMN cash_loan_apr, DROP COLUMN pay_later_apr, DROP COLUMN cash_loan_draws_frozen,
        ADD CONSTRAINT cash_loan_within_limit CHECK (cash_loan_used <= cash_loan_limit),
        ADD CONSTRAINT pay_later_within_limit CHECK (pay_later_used <= pay_later_limit),
        ADD CONSTRAINT joint_within_limit CHECK (cash_loan_used + pay_later_used <= joint_limit)`);
  }
}
