import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A simulation held to an expected-loss cap records the cap, the floors' loss and its shadow price. */
export class AllocationExpectedLossCap1765324800000 implements MigrationInterface {
  name = 'AllocationExpectedLossCap1765324800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE allocation_simulations ADD COLUMN expected_loss_cap jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE allocation_simulations DROP COLUMN expected_loss_cap`);
  }
}
