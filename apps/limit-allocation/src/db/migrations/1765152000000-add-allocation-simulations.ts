import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Portfolio allocation simulations and the per-line limits each proposes. The proposal keeps the
 * limits the line had when simulated, so applying can tell a line that changed since (and skip
 * it) from one that did not, and writes exactly what was simulated.
 */
export class AddAllocationSimulations1765152000000 implements MigrationInterface {
  name = 'AddAllocationSimulations1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE allocation_simulations (
        id bigserial PRIMARY KEY,
        method text NOT NULL CHECK (method IN ('OPTIMISER', 'POLICY')),
        policy_version integer REFERENCES policies (version),
        champion_version integer NOT NULL REFERENCES policies (version),
        budget bigint NOT NULL CHECK (budget >= 0),
        filter jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('SIMULATED', 'APPLIED')),
        challenger jsonb NOT NULL,
        champion jsonb NOT NULL,
        segments jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        applied_by text,
        applied_at timestamptz,
        CONSTRAINT applied_has_time CHECK ((status = 'APPLIED') = (applied_at IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE allocation_proposals (
        simulation_id bigint NOT NULL REFERENCES allocation_simulations (id) ON DELETE CASCADE,
        customer_id text NOT NULL,
        before_joint bigint NOT NULL,
        before_cash_loan bigint NOT NULL,
        before_pay_later bigint NOT NULL,
        joint_limit bigint NOT NULL CHECK (joint_limit >= 0),
        cash_loan_limit bigint NOT NULL CHECK (cash_loan_limit >= 0),
        pay_later_limit bigint NOT NULL CHECK (pay_later_limit >= 0),
        reason_codes text[] NOT NULL CHECK (cardinality(reason_codes) > 0),
        PRIMARY KEY (simulation_id, customer_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE allocation_proposals`);
    await q.query(`DROP TABLE allocation_simulations`);
  }
}
