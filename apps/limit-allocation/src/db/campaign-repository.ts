import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '@jc/subgraph-kit';
import { campaignFingerprint, type CampaignInput, type CampaignRecord } from '../model/campaign';
import { isOverBudget } from './portfolio-repository';

type Row = Record<string, any>;

/** OVER_BUDGET: nothing was written; KEY_REUSED: the key was used for another request; NEW_KEY: not used yet. */
export type CampaignCreation =
  | { outcome: 'CREATED' | 'REPLAYED'; campaign: CampaignRecord }
  | { outcome: 'OVER_BUDGET' | 'KEY_REUSED' | 'NEW_KEY' };
export const toCampaign = (r: Row): CampaignRecord => ({
  id: String(r.id),
  name: r.name,
  cashLoan: r.cash_loan,
  payLater: r.pay_later,
  amount: r.amount === null ? null : Number(r.amount),
  multiplier: r.multiplier === null ? null : Number(r.multiplier),
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  eligibility: r.eligibility,
  linesTouched: r.lines_touched,
  createdBy: r.created_by,
  createdAt: r.created_at,
  cancelledAt: r.cancelled_at ?? null,
  cancelledBy: r.cancelled_by ?? null,
  cancelReason: r.cancel_reason ?? null,
});

export class CampaignRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates the campaign and its overlay on every eligible active line in one statement, so the
   * count it reports is exactly the overlays written. A line's overlay names only the campaign's
   * products open on it (base limit above zero): a campaign raises limits, it never opens a product
   * the policy keeps closed (a NEW customer's CASH_LOAN), and a line with none of them open is not
   * eligible. With a portfolio budget set, the campaign's added joint exposure (each line's largest
   * product increment) must fit what the budget has left over the granted base limits and the
   * overlays not yet ended, which the trigger on uplifts checks under the budget row's lock;
   * otherwise the whole statement rolls back and null comes back.
   */
  async create(input: CampaignInput, createdBy: string, now: Date): Promise<CampaignCreation> {
    // a key already used answers at once, before the statement overlays any line
    if (input.idempotencyKey != null) {
      const earlier = await this.replay(input);
      if (earlier.outcome !== 'NEW_KEY') return earlier;
    }
    const e = input.eligibility ?? {};
    const cash = input.products.includes('CASH_LOAN');
    const pay = input.products.includes('PAY_LATER');
    let rows: Row[];
    try {
      rows = await this.dataSource.query(
        `WITH c AS (SELECT nextval(pg_get_serial_sequence('campaigns', 'id')) AS id),
         eligible AS (
           SELECT l.customer_id, $2 AND l.cash_loan_limit > 0 AS cash_loan, $3 AND l.pay_later_limit > 0 AS pay_later
           FROM credit_lines l LEFT JOIN risk_snapshots s ON s.customer_id = l.customer_id
           WHERE l.status = 'ACTIVE'
             AND (($2 AND l.cash_loan_limit > 0) OR ($3 AND l.pay_later_limit > 0))
             AND ($9::text[] IS NULL OR s.lifecycle_stage = ANY($9::text[]))
             AND ($10::text IS NULL OR s.grade <= $10::text)
             AND ($11::text[] IS NULL OR s.region = ANY($11::text[]))
             AND ($12::text[] IS NULL OR l.tier = ANY($12::text[]))
         ),
         ins AS (
           INSERT INTO uplifts (id, customer_id, cash_loan, pay_later, amount, multiplier, starts_at, ends_at, reason, created_at, campaign_id)
           SELECT 'u_' || md5(c.id::text || ':' || e.customer_id), e.customer_id, e.cash_loan, e.pay_later, $4, $5, $6, $7, 'campaign: ' || $1, $8, c.id
           FROM c, eligible e
           RETURNING customer_id
         )
         INSERT INTO campaigns (id, name, cash_loan, pay_later, amount, multiplier, starts_at, ends_at, eligibility, lines_touched, created_by, created_at, idempotency_key, request_fingerprint)
         SELECT c.id, $1, $2, $3, $4, $5, $6, $7, $13, (SELECT count(*) FROM ins), $14, $8, $15, $16 FROM c
         RETURNING *`,
        [
          input.name.trim(), cash, pay, input.amount ?? null, input.multiplier ?? null, input.startsAt, input.endsAt, now,
          e.stages ?? null, e.minGrade ?? null, e.regions ?? null, e.tiers ?? null, JSON.stringify(e), createdBy,
          input.idempotencyKey ?? null, input.idempotencyKey == null ? null : campaignFingerprint(input),
        ],
      );
    } catch (err) {
      if (isOverBudget(err)) return { outcome: 'OVER_BUDGET' };
      // another request with the same key committed first: the whole statement, overlays included, rolled back
      if (isUniqueViolation(err) && input.idempotencyKey != null) return this.replay(input);
      throw err;
    }
    return { outcome: 'CREATED', campaign: toCampaign(rows[0]!) };
  }

  /** The campaign an earlier request with this key made, if the key was used; refused when that request asked for something else. */
  private async replay(input: CampaignInput): Promise<CampaignCreation> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM campaigns WHERE idempotency_key = $1`, [input.idempotencyKey]);
    if (!rows[0]) return { outcome: 'NEW_KEY' };
    return rows[0].request_fingerprint === campaignFingerprint(input) ? { outcome: 'REPLAYED', campaign: toCampaign(rows[0]) } : { outcome: 'KEY_REUSED' };
  }

  /** Newest first; `before` is a campaign id from a cursor. */
  async page(limit: number, before?: string): Promise<CampaignRecord[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM campaigns WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`, [before ?? null, limit]);
    return rows.map(toCampaign);
  }
}
