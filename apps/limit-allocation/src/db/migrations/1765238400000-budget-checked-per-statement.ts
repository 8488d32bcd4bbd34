import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The portfolio budget follows the lines once per statement instead of once per row. The row
 * triggers updated the single budget row for every line a statement touched, so a bulk allocation
 * of n lines left n versions of that row in one transaction, each found by walking the ones before
 * it, and summed the overlays n times. Statement triggers read the rows a statement inserted or
 * changed from its transition tables, move `granted` by their net contribution once, and check the
 * budget once: a statement that raised any line's contribution is refused, whole, if the granted
 * total after it and the running overlays pass the budget. Decreases alone always pass.
 *
 * A trigger with transition tables cannot name columns, so the update trigger fires on every update
 * of a line (draws too) and returns at once when no contribution moved, without touching the budget
 * row, so draws still never wait on it. The row function stays for `down`.
 */
export class BudgetCheckedPerStatement1765238400000 implements MigrationInterface {
  name = 'BudgetCheckedPerStatement1765238400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER credit_lines_granted_insert ON credit_lines`);
    await q.query(`DROP TRIGGER credit_lines_granted_update ON credit_lines`);
    await q.query(`
      CREATE FUNCTION portfolio_budget_takes(delta bigint, raised_at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        now_granted bigint;
        budget bigint;
      BEGIN
        UPDATE portfolio_budget SET granted = granted + delta WHERE id = 1 RETURNING granted, exposure_budget INTO now_granted, budget;
        IF raised_at IS NOT NULL AND budget IS NOT NULL AND now_granted + portfolio_overlay_exposure(raised_at) > budget THEN
          RAISE EXCEPTION 'portfolio_budget_exceeded' USING ERRCODE = 'check_violation';
        END IF;
      END $$`);
    await q.query(`
      CREATE FUNCTION portfolio_granted_follows_opened_lines() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM portfolio_budget_takes(sum(joint_limit)::bigint, min(updated_at) FILTER (WHERE joint_limit > 0))
        FROM opened WHERE status <> 'CLOSED' HAVING sum(joint_limit) <> 0;
        RETURN NULL;
      END $$`);
    // rows paired by grouping rather than joining: a plan cached for a one-row draw stays sound for a million rows
    await q.query(`
      CREATE FUNCTION portfolio_granted_follows_changed_lines() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM portfolio_budget_takes(sum(moved)::bigint, min(at) FILTER (WHERE moved > 0))
        FROM (
          SELECT sum(contribution) AS moved, min(updated_at) AS at
          FROM (
            SELECT customer_id, CASE WHEN status = 'CLOSED' THEN 0 ELSE joint_limit END AS contribution, updated_at FROM after_change
            UNION ALL
            SELECT customer_id, CASE WHEN status = 'CLOSED' THEN 0 ELSE -joint_limit END, NULL FROM before_change
          ) moves
          GROUP BY customer_id
        ) lines
        HAVING sum(moved) <> 0 OR bool_or(moved > 0);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER credit_lines_granted_opened AFTER INSERT ON credit_lines
        REFERENCING NEW TABLE AS opened
        FOR EACH STATEMENT EXECUTE FUNCTION portfolio_granted_follows_opened_lines()`);
    await q.query(`
      CREATE TRIGGER credit_lines_granted_changed AFTER UPDATE ON credit_lines
        REFERENCING OLD TABLE AS before_change NEW TABLE AS after_change
        FOR EACH STATEMENT EXECUTE FUNCTION portfolio_granted_follows_changed_lines()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER credit_lines_granted_changed ON credit_lines`);
    await q.query(`DROP TRIGGER credit_lines_granted_opened ON credit_lines`);
    await q.query(`DROP FUNCTION portfolio_granted_follows_changed_lines()`);
    await q.query(`DROP FUNCTION portfolio_granted_follows_opened_lines()`);
    await q.query(`DROP FUNCTION portfolio_budget_takes(bigint, timestamptz)`);
    await q.query(`
      CREATE TRIGGER credit_lines_granted_insert AFTER INSERT ON credit_lines
        FOR EACH ROW EXECUTE FUNCTION portfolio_granted_follows_lines()`);
    await q.query(`
      CREATE TRIGGER credit_lines_granted_update AFTER UPDATE OF joint_limit, status ON credit_lines
        FOR EACH ROW WHEN (OLD.joint_limit IS DISTINCT FROM NEW.joint_limit OR OLD.status IS DISTINCT FROM NEW.status)
        EXECUTE FUNCTION portfolio_granted_follows_lines()`);
  }
}
