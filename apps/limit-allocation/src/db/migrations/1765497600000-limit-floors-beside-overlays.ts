import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Never below drawn" holds for the effective limit, not the base. A review while an overlay is
 * active used to floor the base limits at what was drawn and held, so an uplift the customer had
 * drawn on was written into the base and outlived the overlay. These functions give the lowest
 * base limits whose effective limits, under the overlays active at `at`, still cover what is drawn
 * (model/drawn-floor.ts computes the same to the fen). Statements call them only for a line whose
 * decided limit is below what is drawn, so bulk updates that do not cut a line never pay for them.
 */
export class LimitFloorsBesideOverlays1765497600000 implements MigrationInterface {
  name = 'LimitFloorsBesideOverlays1765497600000';

  async up(q: QueryRunner): Promise<void> {
    // each rounded multiplier increment is at most half a fen above its exact share, so the search
    // starts at a base no lower one can cover and takes at most one step per multiplier overlay
    await q.query(`
      CREATE FUNCTION base_limit_floor(customer text, product text, drawn bigint, at timestamptz) RETURNS bigint LANGUAGE plpgsql STABLE AS $$
      DECLARE
        overlays int;
        amounts bigint;
        millis bigint[];
        base bigint;
      BEGIN
        SELECT count(*), coalesce(sum(up.amount), 0),
               coalesce(array_agg(round(up.multiplier * 1000)::bigint - 1000) FILTER (WHERE up.multiplier IS NOT NULL), '{}')
          INTO overlays, amounts, millis
          FROM uplifts up
         WHERE up.customer_id = customer AND up.starts_at <= at AND up.ends_at > at
           AND CASE WHEN product = 'CASH_LOAN' THEN up.cash_loan ELSE up.pay_later END;
        IF overlays = 0 OR drawn <= 0 THEN
          RETURN greatest(drawn, 0);
        END IF;
        base := greatest(0, ceil((drawn - amounts - cardinality(millis) / 2.0) * 1000 / (1000 + (SELECT coalesce(sum(m), 0) FROM unnest(millis) m))));
        WHILE base < drawn AND base + amounts + (SELECT coalesce(sum(round(base * m / 1000.0)), 0) FROM unnest(millis) m) < drawn LOOP
          base := base + 1;
        END LOOP;
        RETURN least(base, drawn);
      END $$`);
    // the effective joint limit is the larger of the two products' joint limits, each the base plus
    // the overlays naming that product (an overlay counting its larger product increment); past the
    // cap no overlay counts
    await q.query(`
      CREATE FUNCTION joint_limit_floor(customer text, cash_loan_base bigint, pay_later_base bigint, drawn bigint, at timestamptz, cap bigint) RETURNS bigint LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN drawn > cap THEN drawn
                    ELSE greatest(0, drawn - greatest(coalesce(sum(x.jt) FILTER (WHERE x.cash_loan), 0), coalesce(sum(x.jt) FILTER (WHERE x.pay_later), 0))) END
        FROM (
          SELECT up.cash_loan, up.pay_later, greatest(
                   CASE WHEN up.cash_loan THEN coalesce(up.amount, round(cash_loan_base * (round(up.multiplier * 1000) - 1000) / 1000.0)::bigint) ELSE 0 END,
                   CASE WHEN up.pay_later THEN coalesce(up.amount, round(pay_later_base * (round(up.multiplier * 1000) - 1000) / 1000.0)::bigint) ELSE 0 END) AS jt
          FROM uplifts up
          WHERE up.customer_id = customer AND up.starts_at <= at AND up.ends_at > at
        ) x
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION joint_limit_floor(text, bigint, bigint, bigint, timestamptz, bigint)`);
    await q.query(`DROP FUNCTION base_limit_floor(text, text, bigint, timestamptz)`);
  }
}
