import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Overlays count against the portfolio exposure budget next to the granted base limits. What an
 * overlay adds is its larger product increment, as the guarded draw statements compute it; every
 * overlay not yet ended counts (a future one will be active), those of closed lines do not.
 *
 * Both increases, of base limits and by new overlays, take the budget row's lock before they sum
 * the overlays, so two concurrent increases are checked one after the other, each against what the
 * other committed (READ COMMITTED gives each statement of the trigger a fresh snapshot). Overlays are
 * checked once per INSERT statement, so a campaign's thousands of overlays sum the portfolio once.
 */
const previousGrantedFunction = `
  CREATE OR REPLACE FUNCTION portfolio_granted_follows_lines() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    delta bigint := coalesce(NEW.joint_limit, 0) - CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.joint_limit END;
    over boolean;
  BEGIN
    UPDATE portfolio_budget SET granted = granted + delta WHERE id = 1
      RETURNING delta > 0 AND exposure_budget IS NOT NULL AND granted > exposure_budget INTO over;
    IF over THEN
      RAISE EXCEPTION 'portfolio_budget_exceeded' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END $$`;

export class BudgetCountsOverlays1764892800000 implements MigrationInterface {
  name = 'BudgetCountsOverlays1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION portfolio_overlay_exposure(at timestamptz) RETURNS bigint LANGUAGE sql VOLATILE AS $$
        SELECT coalesce(sum(greatest(
          CASE WHEN up.cash_loan THEN coalesce(up.amount, round(l.cash_loan_limit * (round(up.multiplier * 1000) - 1000) / 1000.0)::bigint) ELSE 0 END,
          CASE WHEN up.pay_later THEN coalesce(up.amount, round(l.pay_later_limit * (round(up.multiplier * 1000) - 1000) / 1000.0)::bigint) ELSE 0 END
        )), 0)::bigint
        FROM uplifts up JOIN credit_lines l ON l.customer_id = up.customer_id
        WHERE up.ends_at > at AND l.status <> 'CLOSED'
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION portfolio_granted_follows_lines() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        delta bigint := coalesce(NEW.joint_limit, 0) - CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.joint_limit END;
        now_granted bigint;
        budget bigint;
      BEGIN
        UPDATE portfolio_budget SET granted = granted + delta WHERE id = 1 RETURNING granted, exposure_budget INTO now_granted, budget;
        IF delta > 0 AND budget IS NOT NULL AND now_granted + portfolio_overlay_exposure(NEW.updated_at) > budget THEN
          RAISE EXCEPTION 'portfolio_budget_exceeded' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE FUNCTION portfolio_budget_covers_overlays() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        at timestamptz;
        now_granted bigint;
        budget bigint;
      BEGIN
        SELECT min(created_at) INTO at FROM added;
        IF at IS NULL THEN
          RETURN NULL;
        END IF;
        SELECT granted, exposure_budget INTO now_granted, budget FROM portfolio_budget WHERE id = 1 FOR UPDATE;
        IF budget IS NOT NULL AND now_granted + portfolio_overlay_exposure(at) > budget THEN
          RAISE EXCEPTION 'portfolio_budget_exceeded' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER uplifts_within_budget AFTER INSERT ON uplifts
        REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION portfolio_budget_covers_overlays()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER uplifts_within_budget ON uplifts`);
    await q.query(`DROP FUNCTION portfolio_budget_covers_overlays()`);
    await q.query(previousGrantedFunction);
    await q.query(`DROP FUNCTION portfolio_overlay_exposure(timestamptz)`);
  }
}
