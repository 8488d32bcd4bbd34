import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The line invariants live in the database too, so no code path can store an over-drawn line. */
export class CreateCreditLines1764460800000 implements MigrationInterface {
  name = 'CreateCreditLines1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE credit_lines (
        customer_id text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'FROZEN', 'CLOSED')),
        joint_limit bigint NOT NULL CHECK (joint_limit >= 0),
        cash_loan_limit bigint NOT NULL CHECK (cash_loan_limit >= 0),
        cash_loan_used bigint NOT NULL DEFAULT 0 CHECK (cash_loan_used >= 0),
        pay_later_limit bigint NOT NULL CHECK (pay_later_limit >= 0),
        pay_later_used bigint NOT NULL DEFAULT 0 CHECK (pay_later_used >= 0),
        opened_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT cash_loan_within_limit CHECK (cash_loan_used <= cash_loan_limit),
        CONSTRAINT pay_later_within_limit CHECK (pay_later_used <= pay_later_limit),
        CONSTRAINT joint_within_limit CHECK (cash_loan_used + pay_later_used <= joint_limit)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE credit_lines`);
  }
}
