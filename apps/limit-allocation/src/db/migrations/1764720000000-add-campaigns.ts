import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Uplift campaigns: one row per campaign, its overlays in uplifts pointing back at it. */
export class AddCampaigns1764720000000 implements MigrationInterface {
  name = 'AddCampaigns1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaigns (
        id bigserial PRIMARY KEY,
        name text NOT NULL,
        cash_loan boolean NOT NULL,
        pay_later boolean NOT NULL,
        amount bigint CHECK (amount > 0),
        multiplier numeric(6,3) CHECK (multiplier > 1 AND multiplier <= 10),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        eligibility jsonb NOT NULL,
        lines_touched integer NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT campaign_has_one_kind CHECK ((amount IS NULL) <> (multiplier IS NULL)),
        CONSTRAINT campaign_dates CHECK (ends_at > starts_at)
      )`);
    await q.query(`ALTER TABLE uplifts ADD COLUMN campaign_id bigint REFERENCES campaigns (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE uplifts DROP COLUMN campaign_id`);
    await q.query(`DROP TABLE campaigns`);
  }
}
