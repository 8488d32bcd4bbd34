import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The latest behaviour facts heard from behaviour-analytics, passed on with each score. */
export class AddCustomerBehaviour1765152000000 implements MigrationInterface {
  name = 'AddCustomerBehaviour1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_behaviour (
        customer_id text PRIMARY KEY REFERENCES customers (id),
        lifecycle_stage text NOT NULL,
        on_time_repayment_streak integer NOT NULL CHECK (on_time_repayment_streak >= 0),
        current_days_past_due integer NOT NULL CHECK (current_days_past_due >= 0),
        behaviour_value bigint NOT NULL CHECK (behaviour_value >= 0),
        as_of timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_behaviour`);
  }
}
