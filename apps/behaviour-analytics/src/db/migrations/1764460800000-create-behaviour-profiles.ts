import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBehaviourProfiles1764460800000 implements MigrationInterface {
  name = 'CreateBehaviourProfiles1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE behaviour_profiles (
        customer_id text PRIMARY KEY,
        lifecycle_stage text NOT NULL CHECK (lifecycle_stage IN ('NEW', 'ACTIVE', 'DORMANT', 'HIGH_RISK')),
        as_of timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE behaviour_profiles`);
  }
}
