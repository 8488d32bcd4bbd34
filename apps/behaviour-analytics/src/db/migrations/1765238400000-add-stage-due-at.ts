import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When time alone may next change a customer's stage (newness running out, dormancy, an unpaid
 * amount reaching a HIGH_RISK bar, a late payment ageing out), so the frequent stage sweep reads
 * only the customers due instead of every profile. Existing profiles are due at once: the first
 * sweep derives them and sets the real time.
 */
export class AddStageDueAt1765238400000 implements MigrationInterface {
  name = 'AddStageDueAt1765238400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE behaviour_profiles ADD COLUMN stage_due_at timestamptz`);
    await q.query(`UPDATE behaviour_profiles SET stage_due_at = as_of`);
    await q.query(`CREATE INDEX behaviour_profiles_stage_due ON behaviour_profiles (stage_due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX behaviour_profiles_stage_due`);
    await q.query(`ALTER TABLE behaviour_profiles DROP COLUMN stage_due_at`);
  }
}
