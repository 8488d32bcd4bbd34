import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A closed line grants nothing: closing it gives its base joint limit back to the portfolio
 * budget. `granted` now follows each line's contribution (its joint limit, or 0 once CLOSED), so
 * the trigger also fires on a status change.
 */
export class ClosedLinesReleaseBudget1764979200000 implements MigrationInterface {
  name = 'ClosedLinesReleaseBudget1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION portfolio_granted_follows_lines() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        contribution_before bigint := CASE WHEN TG_OP = 'INSERT' OR OLD.status = 'CLOSED' THEN 0 ELSE OLD.joint_limit END;
        contribution_after bigint := CASE WHEN NEW.status = 'CLOSED' THEN 0 ELSE coalesce(NEW.joint_limit, 0) END;
        delta bigint := contribution_after - contribution_before;
        now_granted bigint;
        budget bigint;
      BEGIN
        UPDATE portfolio_budget SET granted = granted + delta WHERE id = 1 RETURNING granted, exposure_budget INTO now_granted, budget;
        IF delta > 0 AND budget IS NOT NULL AND now_granted + portfolio_overlay_exposure(NEW.updated_at) > budget THEN
          RAISE EXCEPTION 'portfolio_budget_exceeded' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`DROP TRIGGER credit_lines_granted_update ON credit_lines`);
    await q.query(`
      CREATE TRIGGER credit_lines_granted_update AFTER UPDATE OF joint_limit, status ON credit_lines
        FOR EACH ROW WHEN (OLD.joint_limit IS DISTINCT FROM NEW.joint_limit OR OLD.status IS DISTINCT FROM NEW.status)
        EXECUTE FUNCTION portfolio_granted_follows_lines()`);
    await q.query(`UPDATE portfolio_budget SET granted = (SELECT coalesce(sum(joint_limit), 0) FROM credit_lines WHERE status <> 'CLOSED') WHERE id = 1`);
  }

  async down(q: QueryRunner): Promise<void> {
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
    await q.query(`DROP TRIGGER credit_lines_granted_update ON credit_lines`);
    await q.query(`
      CREATE TRIGGER credit_lines_granted_update AFTER UPDATE OF joint_limit ON credit_lines
        FOR EACH ROW WHEN (OLD.joint_limit IS DISTINCT FROM NEW.joint_limit) EXECUTE FUNCTION portfolio_granted_follows_lines()`);
    await q.query(`UPDATE portfolio_budget SET granted = (SELECT coalesce(sum(joint_limit), 0) FROM credit_lines) WHERE id = 1`);
  }
}
