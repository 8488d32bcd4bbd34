import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uplifts and campaigns can be cancelled. A cancelled overlay ends at the cancellation, exactly as
 * if that had been its end: every statement that reads overlays (draws, floors, the budget) already
 * treats an overlay whose end has passed as gone, so ending it is all a cancellation needs, and the
 * budget it took is released at once. An overlay cancelled before it started ends before its start
 * and is never active, hence the relaxed date check. Who cancelled, when and why is kept beside it.
 */
export class CancellableOverlays1765843200000 implements MigrationInterface {
  name = 'CancellableOverlays1765843200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE uplifts
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN cancelled_by text,
        ADD COLUMN cancel_reason text,
        DROP CONSTRAINT uplift_dates,
        ADD CONSTRAINT uplift_dates CHECK (ends_at > starts_at OR cancelled_at IS NOT NULL),
        ADD CONSTRAINT uplift_cancel_recorded CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL) AND (cancelled_at IS NULL) = (cancel_reason IS NULL)),
        ADD CONSTRAINT uplift_cancel_ends_it CHECK (cancelled_at IS NULL OR ends_at = cancelled_at)`);
    await q.query(`
      ALTER TABLE campaigns
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN cancelled_by text,
        ADD COLUMN cancel_reason text,
        ADD CONSTRAINT campaign_cancel_recorded CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL) AND (cancelled_at IS NULL) = (cancel_reason IS NULL))`);
    // a campaign's cancellation finds its running overlays by campaign
    await q.query(`CREATE INDEX uplifts_campaign ON uplifts (campaign_id) WHERE campaign_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uplifts_campaign`);
    await q.query(`ALTER TABLE campaigns DROP CONSTRAINT campaign_cancel_recorded, DROP COLUMN cancel_reason, DROP COLUMN cancelled_by, DROP COLUMN cancelled_at`);
    // an overlay cancelled before its start cannot satisfy the original check: it starts just before its end, in the past, so it stays never active
    await q.query(`UPDATE uplifts SET starts_at = ends_at - interval '1 millisecond' WHERE ends_at <= starts_at`);
    await q.query(`
      ALTER TABLE uplifts
        DROP CONSTRAINT uplift_cancel_ends_it,
        DROP CONSTRAINT uplift_cancel_recorded,
        DROP CONSTRAINT uplift_dates,
        ADD CONSTRAINT uplift_dates CHECK (ends_at > starts_at),
        DROP COLUMN cancel_reason, DROP COLUMN cancelled_by, DROP COLUMN cancelled_at`);
  }
}
