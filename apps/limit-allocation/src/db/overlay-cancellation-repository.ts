import type { EntityManager } from 'typeorm';
import type { CampaignRecord } from '../model/campaign';
import type { UpliftRecord } from '../model/uplift';
import { toCampaign } from './campaign-repository';
import { terms, toDecision, type DecisionRecord } from './decision-repository';
import { UpliftEntity } from './entities/uplift.entity';
import { overlayIncrement } from './guarded-sql';

/** Who cancels, when and why; `at` becomes the end of every overlay the cancellation ends. */
export interface Cancellation {
  at: Date;
  actor: string;
  reason: string;
}

/** Which overlays one cancellation ends, and the trigger and reason code of its decision records. */
interface Target {
  filter: 'up.id = $1' | 'up.campaign_id = $1';
  id: string;
  trigger: 'UPLIFT_CANCELLED' | 'CAMPAIGN_CANCELLED';
}

/**
 * Cancellations, within the caller's transaction. Each locks what it cancels first (the uplift, or
 * the campaign), so two cancellations of the same thing run one after the other and the second
 * finds it ended.
 */
export class OverlayCancellationRepository {
  constructor(readonly manager: EntityManager) {}

  lockUplift(id: string): Promise<UpliftRecord | null> {
    return this.manager.getRepository(UpliftEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findUplift(id: string): Promise<UpliftRecord | null> {
    return this.manager.getRepository(UpliftEntity).findOneBy({ id });
  }

  async lockCampaign(id: string): Promise<CampaignRecord | null> {
    const rows: Record<string, unknown>[] = await this.manager.query(`SELECT * FROM campaigns WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ? toCampaign(rows[0]) : null;
  }

  async markCampaignCancelled(id: string, c: Cancellation): Promise<CampaignRecord> {
    const rows: Record<string, unknown>[] = await this.manager.query(
      // a bare UPDATE … RETURNING comes back from TypeORM as [rows, count]; a SELECT over it as rows
      `WITH c AS (UPDATE campaigns SET cancelled_at = $2, cancelled_by = $3, cancel_reason = $4 WHERE id = $1 RETURNING *) SELECT * FROM c`,
      [id, c.at, c.actor, c.reason],
    );
    return toCampaign(rows[0]!);
  }

  endUplift(id: string, c: Cancellation): Promise<DecisionRecord[]> {
    return this.endOverlays({ filter: 'up.id = $1', id, trigger: 'UPLIFT_CANCELLED' }, c);
  }

  /** Ends the campaign's overlays still running or to come; those already ended (or cancelled one by one) stay as they are. */
  endCampaignOverlays(id: string, c: Cancellation): Promise<DecisionRecord[]> {
    return this.endOverlays({ filter: 'up.campaign_id = $1', id, trigger: 'CAMPAIGN_CANCELLED' }, c);
  }

  /**
   * One statement: the overlays not yet ended get the cancellation as their end, and every line
   * not closed that carried one gets a decision record. The base limits and the ceilings are left
   * as they are, exactly as at a natural end: what is drawn and held stays (holds placed under the
   * overlay can still be captured), only new draws meet the lower effective limit. The record keeps
   * the overlay as it was, what it added at that moment and what was drawn, so a line left drawn
   * above its effective limit is explained. Lines closed meanwhile get no record: their limits no
   * longer count anywhere.
   */
  private async endOverlays(t: Target, c: Cancellation): Promise<DecisionRecord[]> {
    const iso = (t: string) => `to_char(${t} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    const adds = (flag: string, base: string) => `CASE WHEN up.${flag} AND up.starts_at <= $2 THEN ${overlayIncrement(base)} ELSE 0 END`;
    const rows: Record<string, unknown>[] = await this.manager.query(
      `WITH old AS (
         SELECT up.* FROM uplifts up WHERE ${t.filter} AND up.ends_at > $2 AND up.cancelled_at IS NULL ORDER BY up.id FOR UPDATE
       ),
       ended AS (
         UPDATE uplifts u SET ends_at = $2, cancelled_at = $2, cancelled_by = $3, cancel_reason = $4 FROM old WHERE u.id = old.id RETURNING u.id
       )
       INSERT INTO limit_decisions (customer_id, trigger, policy_version, inputs, before, after, reason_codes, actor, decided_at)
       SELECT b.customer_id, $5, NULL,
              jsonb_build_object(
                'cancelled', jsonb_build_object('upliftId', up.id, 'campaignId', up.campaign_id::text, 'reason', $4::text),
                'overlay', jsonb_build_object('cashLoan', up.cash_loan, 'payLater', up.pay_later, 'amount', up.amount, 'multiplier', up.multiplier,
                                              'startsAt', ${iso('up.starts_at')}, 'endsAt', ${iso('up.ends_at')}),
                'removed', jsonb_build_object('cashLoan', ${adds('cash_loan', 'cash_loan_limit')}, 'payLater', ${adds('pay_later', 'pay_later_limit')}),
                'usage', jsonb_build_object('cashLoanDrawn', b.cash_loan_used + b.cash_loan_held, 'payLaterDrawn', b.pay_later_used + b.pay_later_held)),
              ${terms('b')}, ${terms('b')}, ARRAY[$5::text], $3, $2
         FROM old up JOIN credit_lines b ON b.customer_id = up.customer_id
        WHERE b.status <> 'CLOSED'
        ORDER BY b.customer_id
       RETURNING *`,
      [t.id, c.at, c.actor, c.reason, t.trigger],
    );
    return rows.map(toDecision);
  }
}
