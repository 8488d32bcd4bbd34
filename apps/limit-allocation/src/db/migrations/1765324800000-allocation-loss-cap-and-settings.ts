import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A simulation records the optimiser settings it ran with and, when held to an expected-loss cap,
 * the cap, the floors' loss and its shadow price: what an analyst needs to read a result again later.
 */
export class AllocationLossCapAndSettings1765324800000 implements MigrationInterface {
  name = 'AllocationLossCapAndSettings1765324800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE allocation_simulations ADD COLUMN expected_loss_cap jsonb, ADD COLUMN optimiser_settings jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE allocation_simulations DROP COLUMN expected_loss_cap, DROP COLUMN optimiser_settings`);
  }
}
