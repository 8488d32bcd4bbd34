import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeps the model's own score beside the regional one. Monitoring compares the score distribution
 * with training, which is unshifted, so a region's calibration would otherwise show up as drift.
 *
 * Existing rows are backfilled exactly: a version's regional standards are fixed when it is
 * registered, so the stored score is the model score minus round(shift × factor) for the
 * region's shift in that version (0 without a standard). floor(x + 0.5) is Math.round, which
 * scored them; PostgreSQL's round() of a double rounds halves to even.
 */
export class AddModelScore1765238400000 implements MigrationInterface {
  name = 'AddModelScore1765238400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_scores ADD COLUMN model_score integer`);
    await q.query(`
      UPDATE credit_scores cs
         SET model_score = cs.score + COALESCE((
               SELECT floor((r->>'logOddsShift')::float8 * (m.model->'scaling'->>'factor')::float8 + 0.5)::int
                 FROM scoring_models m, jsonb_array_elements(m.regional_standards) r
                WHERE m.version = cs.model_version AND r->>'region' = cs.region), 0)`);
    await q.query(`ALTER TABLE credit_scores ALTER COLUMN model_score SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_scores DROP COLUMN model_score`);
  }
}
