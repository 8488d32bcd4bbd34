import type { EntityManager } from 'typeorm';
import type { LifecycleStage, Product } from '@jc/domain';
import type { BehaviourProfileRecord, StageChangeRecord } from '../model/behaviour-profile';
import type { WindowActivity } from '../model/features';
import { DAY_MS, type RepaymentRecord } from '../model/repayment-history';
import type { MonthActivity } from '../model/statements';
import { CATEGORY_SLOTS } from './category-slots';
import { rowsByCustomer } from './rows-by-customer';

export interface CustomerTimes {
  firstSeenAt: Date | null;
  firstUsedAt: Date | null;
  lastTransactionAt: Date | null;
  /** The latest transaction stored, even one after asOf (a source running ahead). */
  latestTransactionAt: Date | null;
}

/** The stage a customer's profile holds and when it was derived. */
export interface StoredStage {
  stage: LifecycleStage;
  asOf: Date;
  stageDueAt: Date | null;
}

/** A derived profile as stored: always derived, so asOf and the rules version are known. */
export interface ProfileWrite extends Omit<BehaviourProfileRecord, 'asOf' | 'rulesVersion'> {
  asOf: Date;
  rulesVersion: string;
  firstSeenAt: Date;
  /** When time alone may next change the stage (the sweep re-derives it then); null if never. */
  stageDueAt: Date | null;
}

/** The id is the table's to give. */
export type StageChangeWrite = Omit<StageChangeRecord, 'id'>;

const num = (v: string | number | null): number => (v === null ? 0 : Number(v));

/** The reads and writes behind derived behaviour data, for many customers per statement. */
export class DerivedStore {
  constructor(private readonly db: EntityManager) {}

  /**
   * Transaction sums per customer over each rolling window (start, asOf], in one statement. Whole
   * days inside a window come from customer_daily_activity (one row per active day); the days a
   * window boundary cuts through (each window's first day and asOf's day) are read from the raw
   * rows only, by index range, so the result equals summing every transaction of the window.
   * Whole days are summed per band between consecutive window starts (a band counts towards its
   * window and every longer one), which keeps the aggregates per row to one set instead of one per
   * window; the few raw rows are summed per window directly, so an active day is counted once.
   */
  async windowActivity(customerIds: readonly string[], asOf: Date, windows: readonly number[]): Promise<Map<string, WindowActivity[]>> {
    const dayOf = (at: Date) => at.toISOString().slice(0, 10);
    const order = [...windows].sort((a, b) => a - b);
    const starts = order.map((days) => new Date(asOf.getTime() - days * DAY_MS));
    const cutDays = [...new Set([...starts.map(dayOf), dayOf(asOf)])];
    // $1 ids, $2 asOf, $3 asOf's day, $4 the earliest start, $5 its day, $6 the cut days; then what bind() adds.
    const params: unknown[] = [customerIds, asOf.toISOString(), dayOf(asOf), starts[starts.length - 1]!.toISOString(), dayOf(starts[starts.length - 1]!), cutDays];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const bounds = starts.map((start) => ({ start: bind(start.toISOString()), day: bind(dayOf(start)) }));
    const dayBand = `CASE ${bounds.map((b, k) => `WHEN day > ${b.day}::date THEN ${k}`).join(' ')} END`;
    const rowBand = `CASE ${bounds.map((b, k) => `WHEN occurred_at > ${b.start}::timestamptz THEN ${k}`).join(' ')} END`;
    const cutFrom = bind(cutDays.map((day) => `${day}T00:00:00Z`));
    const cutTo = bind(cutDays.map((day) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString()));
    const categories = (expr: (k: number) => string) => CATEGORY_SLOTS.map((_c, k) => `${expr(k)} AS c${k}`).join(', ');
    const rows: Record<string, string | number | boolean | null>[] = await this.db.query(
      `SELECT customer_id, ${dayBand} AS band, false AS single, sum(transactions) AS n, sum(spend) AS spend, count(*) AS days, sum(online) AS online,
              ${categories((k) => `sum(category_spend[${k + 1}])`)}
       FROM customer_daily_activity
       WHERE customer_id = ANY($1::text[]) AND day > $5::date AND day < $3::date AND day <> ALL($6::date[])
       GROUP BY 1, 2
       UNION ALL
       SELECT customer_id, w.k, true, count(*), sum(amount), count(DISTINCT day), count(*) FILTER (WHERE channel = 'ONLINE'),
              ${categories((k) => `sum(amount) FILTER (WHERE merchant_category = '${CATEGORY_SLOTS[k]}')`)}
       FROM (SELECT c.id AS customer_id, t.amount, t.channel, t.merchant_category, t.day, ${rowBand} AS band
             FROM unnest($1::text[]) AS c(id)
             CROSS JOIN unnest(${cutFrom}::timestamptz[], ${cutTo}::timestamptz[]) AS cut(from_at, to_at)
             -- OFFSET 0 keeps this an index range probe per customer and day instead of a scan of every transaction.
             CROSS JOIN LATERAL (
               SELECT amount, channel, merchant_category, occurred_at, (occurred_at AT TIME ZONE 'UTC')::date AS day FROM transactions
               WHERE customer_id = c.id AND occurred_at >= cut.from_at AND occurred_at < cut.to_at
                 AND occurred_at > $4::timestamptz AND occurred_at <= $2::timestamptz OFFSET 0) t) edge
       CROSS JOIN generate_series(0, ${order.length - 1}) AS w(k)
       WHERE edge.band <= w.k
       GROUP BY 1, 2`,
      params,
    );
    const sums = new Map<string, WindowActivity[]>();
    for (const r of rows) {
      const customerId = String(r.customer_id);
      let list = sums.get(customerId);
      if (!list) sums.set(customerId, (list = order.map((days) => ({ days, transactionCount: 0, spend: 0, activeDays: 0, onlineCount: 0, spendByCategory: {} }))));
      const band = Number(r.band);
      for (let k = band; k < (r.single ? band + 1 : order.length); k++) {
        const w = list[k]!;
        w.transactionCount += num(r.n as string);
        w.spend += num(r.spend as string);
        w.activeDays += num(r.days as string);
        w.onlineCount += num(r.online as string);
        CATEGORY_SLOTS.forEach((category, c) => {
          const spend = num(r[`c${c}`] as string | null);
          if (spend > 0) w.spendByCategory[category] = (w.spendByCategory[category] ?? 0) + spend;
        });
      }
    }
    const result = new Map<string, WindowActivity[]>();
    for (const [customerId, list] of sums) result.set(customerId, windows.map((days) => list.find((w) => w.days === days)!));
    return result;
  }

  /** Repayment records due since `since` (and any later), by customer. */
  async repayments(customerIds: readonly string[], since: Date): Promise<Map<string, RepaymentRecord[]>> {
    const rows: { customer_id: string; product: Product; amount: string; due_date: Date; paid_at: Date | null }[] = await this.db.query(
      `SELECT customer_id, product, amount, due_date, paid_at FROM repayments
       WHERE customer_id = ANY($1::text[]) AND due_date >= $2::timestamptz`,
      [customerIds, since.toISOString()],
    );
    return rowsByCustomer(rows, (r): RepaymentRecord => ({ product: r.product, amount: num(r.amount), dueDate: new Date(r.due_date), paidAt: r.paid_at ? new Date(r.paid_at) : null }));
  }

  /**
   * From the bounds ingestion keeps. Only a customer whose latest event lies after asOf (sources may
   * run up to a day ahead) needs its raw rows, and then just one index probe for the latest before.
   * A customer is first seen at the earliest of their first event and the opening of their line:
   * one onboarded long ago who has just started to use it is not new.
   */
  async customerTimes(customerIds: readonly string[], asOf: Date): Promise<Map<string, CustomerTimes>> {
    const rows: { customer_id: string; first_tx: Date | null; first_use: Date | null; last_tx: Date | null; latest_tx: Date | null; first_repayment: Date | null; first_line: Date | null }[] = await this.db.query(
      `SELECT c.customer_id, b.first_tx, b.first_use, b.first_repayment, b.last_tx AS latest_tx,
              (SELECT min(decided_at) FROM customer_limits l WHERE l.customer_id = c.customer_id AND l.decided_at <= $2::timestamptz) AS first_line,
              CASE WHEN b.last_tx IS NULL OR b.last_tx <= $2::timestamptz THEN b.last_tx
                   ELSE (SELECT max(occurred_at) FROM transactions t WHERE t.customer_id = c.customer_id AND t.occurred_at <= $2::timestamptz) END AS last_tx
       FROM unnest($1::text[]) AS c(customer_id)
       LEFT JOIN customer_event_bounds b ON b.customer_id = c.customer_id`,
      [customerIds, asOf.toISOString()],
    );
    const earliest = (...dates: (Date | null)[]): Date | null =>
      dates.filter((d): d is Date => d !== null).map((d) => new Date(d)).reduce<Date | null>((a, b) => (a === null || b < a ? b : a), null);
    return new Map(
      rows.map((r) => {
        // A repayment means the line was used even if the purchase predates our records; a first use
        // after asOf (a source running ahead, or a derivation of an earlier day) has not happened yet.
        const used = earliest(r.first_use, r.first_repayment);
        const seen = earliest(r.first_tx, r.first_repayment, r.first_line);
        const times: CustomerTimes = {
          // a customer whose only event is from a source running ahead is seen now, not in the future
          firstSeenAt: seen !== null && seen > asOf ? asOf : seen,
          firstUsedAt: used !== null && used <= asOf ? used : null,
          lastTransactionAt: r.last_tx ? new Date(r.last_tx) : null,
          latestTransactionAt: r.latest_tx ? new Date(r.latest_tx) : null,
        };
        return [r.customer_id, times];
      }),
    );
  }

  /** Up to `limit` customers after `afterId` (in id order) whose first event lies on or before `asOf`. */
  async customersSeenBy(asOf: Date, afterId: string, limit: number): Promise<string[]> {
    const rows: { customer_id: string }[] = await this.db.query(
      `SELECT customer_id FROM customer_event_bounds WHERE customer_id > $1 AND least(first_tx, first_repayment) <= $2::timestamptz ORDER BY customer_id LIMIT $3`,
      [afterId, asOf.toISOString(), limit],
    );
    return rows.map((r) => r.customer_id);
  }

  /**
   * For the derivation queries of this transaction: their cost estimates cross the JIT threshold,
   * and compiling takes longer than running them; the per-band sums of ~1,000 customers need more
   * than the default 4 MB to aggregate in memory. Sorting is ruled out because while ingestion
   * outpaces autovacuum the row estimates of the daily buckets are far too low, and the planner
   * then sorts tens of thousands of rows to group them where hashing costs half as much.
   */
  async tuneForDerivation(): Promise<void> {
    await this.db.query(`SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true), set_config('enable_sort', 'off', true)`);
  }

  async stages(customerIds: readonly string[]): Promise<Map<string, StoredStage>> {
    const rows: { customer_id: string; lifecycle_stage: LifecycleStage; as_of: Date; stage_due_at: Date | null }[] = await this.db.query(
      `SELECT customer_id, lifecycle_stage, as_of, stage_due_at FROM behaviour_profiles WHERE customer_id = ANY($1::text[])`,
      [customerIds],
    );
    return new Map(rows.map((r) => [r.customer_id, { stage: r.lifecycle_stage, asOf: new Date(r.as_of), stageDueAt: r.stage_due_at ? new Date(r.stage_due_at) : null }]));
  }

  /** One statement; the rows travel as a single JSON document (cheaper to send than ten arrays of 1,000). */
  async saveProfiles(profiles: readonly ProfileWrite[]): Promise<void> {
    if (profiles.length === 0) return;
    await this.db.query(
      `INSERT INTO behaviour_profiles AS p
         (customer_id, lifecycle_stage, as_of, rules_version, first_seen_at, months_since_first_use, current_days_past_due, windows, stage_due_at)
       SELECT "customerId", "lifecycleStage", "asOf", "rulesVersion", "firstSeenAt", "monthsSinceFirstUse", "currentDaysPastDue", windows, "stageDueAt"
       FROM json_to_recordset($1::json) AS r("customerId" text, "lifecycleStage" text, "asOf" timestamptz, "rulesVersion" text,
         "firstSeenAt" timestamptz, "monthsSinceFirstUse" int, "currentDaysPastDue" int, windows jsonb, "stageDueAt" timestamptz)
       ON CONFLICT (customer_id) DO UPDATE SET
         lifecycle_stage = excluded.lifecycle_stage, as_of = excluded.as_of, rules_version = excluded.rules_version,
         first_seen_at = excluded.first_seen_at, months_since_first_use = excluded.months_since_first_use,
         current_days_past_due = excluded.current_days_past_due, windows = excluded.windows, stage_due_at = excluded.stage_due_at`,
      [JSON.stringify(profiles)],
    );
  }

  async addStageChanges(changes: readonly StageChangeWrite[]): Promise<void> {
    if (changes.length === 0) return;
    await this.db.query(
      `INSERT INTO stage_changes (customer_id, changed_at, from_stage, to_stage, reason, rules_version)
       SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        changes.map((c) => c.customerId),
        changes.map((c) => c.at.toISOString()),
        changes.map((c) => c.from),
        changes.map((c) => c.to),
        changes.map((c) => c.reason),
        changes.map((c) => c.rulesVersion),
      ],
    );
  }

  async monthlyActivity(customerIds: readonly string[], fromMonth: string): Promise<Map<string, MonthActivity[]>> {
    const rows: { customer_id: string; month: string; credit_spend: string; repaid: string }[] = await this.db.query(
      `SELECT customer_id, to_char(month, 'YYYY-MM-DD') AS month, credit_spend, repaid FROM monthly_activity
       WHERE customer_id = ANY($1::text[]) AND month >= $2::date`,
      [customerIds, fromMonth],
    );
    return rowsByCustomer(rows, (r): MonthActivity => ({ month: r.month, creditSpend: num(r.credit_spend), repaid: num(r.repaid) }));
  }

  async dailyVolume(from: string, to: string): Promise<{ day: string; transactions: number }[]> {
    const rows: { day: string; transactions: string }[] = await this.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, transactions FROM daily_volume WHERE day BETWEEN $1::date AND $2::date ORDER BY day`,
      [from, to],
    );
    return rows.map((r) => ({ day: r.day, transactions: num(r.transactions) }));
  }
}
