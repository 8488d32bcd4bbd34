import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The portfolio exposure budget. `granted` is the sum of every line's base joint limit, kept by a
 * trigger on the only column it depends on, so draws never touch this row. Any increase that would
 * take `granted` past the budget is refused by the database itself; decreases always pass, and a
 * budget set below what is already granted only blocks increases.
 */
export class AddPortfolioBudget1764806400000 implements MigrationInterface {
  name = 'AddPortfolioBudget1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE portfolio_budget (
        id integer PRIMARY KEY CHECK (id = 1),
        exposure_budget bigint CHECK (exposure_budget >= 0),
        granted bigint NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`INSERT INTO portfolio_budget (id, exposure_budget, granted, updated_by, updated_at)
      SELECT 1, NULL, coalesce(sum(joint_limit), 0), 'system', now() FROM credit_lines`);
    await q.query(`
      CREATE FUNCTION portfolio_granted_follows_lines() RETURNS trigger LANGUAGE plpgsql AS $$
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
      END $$`);
    await q.query(`
      CREATE TRIGGER credit_lines_granted_insert AFTER INSERT ON credit_lines
        FOR EACH ROW EXECUTE FUNCTION portfolio_granted_follows_lines()`);
    await q.query(`
      CREATE TRIGGER credit_lines_granted_update AFTER UPDATE OF joint_limit ON credit_lines
        FOR EACH ROW WHEN (OLD.joint_limit IS DISTINCT FROM NEW.joint_limit) EXECUTE FUNCTION portfolio_granted_follows_lines()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER credit_lines_granted_update ON credit_lines`);
    await q.query(`DROP TRIGGER credit_lines_granted_insert ON credit_lines`);
    await q.query(`DROP FUNCTION portfolio_granted_follows_lines()`);
    await q.query(`DROP TABLE portfolio_budget`);
  }
}
