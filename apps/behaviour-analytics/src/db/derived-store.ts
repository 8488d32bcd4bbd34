import type { EntityManager } from 'typeorm';
import type { LifecycleStage, Product } from '@jc/domain';
import type { MerchantCategory } from '../model/events';
import type { WindowActivity } from '../model/features';
import { DAY_MS, type RepaymentRecord } from '../model/repayment-history';
import type { MonthActivity } from '../model/statements';

export interface CustomerTimes {
  firstSeenAt: Date | null;
  firstUsedAt: Date | null;
  lastTransactionAt: Date | null;
}

export interface StoredStage {
  customerId: string;
  lifecycleStage: LifecycleStage;
}

export interface ProfileWrite {
  customerId: string;
  lifecycleStage: LifecycleStage;
  asOf: Date;
  rulesVersion: string;
  firstSeenAt: Date;
  monthsSinceFirstUse: number | null;
  currentDaysPastDue: number;
  windows: unknown[];
}

export interface StageChangeWrite {
  customerId: string;
  at: Date;
  from: LifecycleStage | null;
  to: LifecycleStage;
  reason: string;
  rulesVersion: string;
}

const num = (v: string | number | null): number => (v === null ? 0 : Number(v));

function group<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return map;
}

/** The reads and writes behind derived behaviour data, for many customers per statement. */
export class DerivedStore {
  constructor(private readonly db: EntityManager) {}

  /**
   * Transaction sums per customer over each rolling window ending at asOf. One pass over the
   * longest window with a FILTER per window, rather than a join that reads shorter windows again.
   * Window starts are bound as parameters: `timestamptz - interval` is only stable, so PostgreSQL
   * would otherwise recompute it for every row and every FILTER.
   */
  async windowActivity(customerIds: readonly string[], asOf: Date, windows: readonly number[]): Promise<Map<string, WindowActivity[]>> {
    const longest = windows.indexOf(Math.max(...windows));
    const perWindow = (expr: (w: number, i: number) => string) => windows.map(expr).join(', ');
    const inWindow = (i: number) => `occurred_at > $${i + 3}::timestamptz`;
    const params = [customerIds, asOf.toISOString(), ...windows.map((w) => new Date(asOf.getTime() - w * DAY_MS).toISOString())];
    const scope = `FROM transactions WHERE customer_id = ANY($1::text[]) AND occurred_at <= $2::timestamptz AND ${inWindow(longest)}`;
    const totals: Record<string, string | number>[] = await this.db.query(
      `SELECT customer_id, ${perWindow((_w, i) => `count(*) FILTER (WHERE ${inWindow(i)}) AS n${i},
              sum(amount) FILTER (WHERE ${inWindow(i)}) AS spend${i},
              count(DISTINCT (occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE ${inWindow(i)}) AS days${i},
              count(*) FILTER (WHERE ${inWindow(i)} AND channel = 'ONLINE') AS online${i}`)}
       ${scope} GROUP BY customer_id`,
      params,
    );
    const categories: Record<string, string | number>[] = await this.db.query(
      `SELECT customer_id, merchant_category, ${perWindow((_w, i) => `sum(amount) FILTER (WHERE ${inWindow(i)}) AS spend${i}`)}
       ${scope} GROUP BY customer_id, merchant_category`,
      params,
    );
    const categoriesOf = group(categories, (c) => String(c.customer_id));
    const result = new Map<string, WindowActivity[]>();
    for (const t of totals) {
      const customerId = String(t.customer_id);
      result.set(
        customerId,
        windows.map((days, i) => {
          const spendByCategory: Partial<Record<MerchantCategory, number>> = {};
          for (const c of categoriesOf.get(customerId) ?? []) {
            if (c[`spend${i}`] !== null) spendByCategory[c.merchant_category as MerchantCategory] = num(c[`spend${i}`] as string);
          }
          return {
            days,
            transactionCount: num(t[`n${i}`] as string),
            spend: num(t[`spend${i}`] as string | null),
            activeDays: num(t[`days${i}`] as string),
            onlineCount: num(t[`online${i}`] as string),
            spendByCategory,
          };
        }),
      );
    }
    return result;
  }

  /** Repayment records due since `since` (and any later), by customer. */
  async repayments(customerIds: readonly string[], since: Date): Promise<Map<string, RepaymentRecord[]>> {
    const rows: { customer_id: string; product: Product; amount: string; due_date: Date; paid_at: Date | null }[] = await this.db.query(
      `SELECT customer_id, product, amount, due_date, paid_at FROM repayments
       WHERE customer_id = ANY($1::text[]) AND due_date >= $2::timestamptz`,
      [customerIds, since.toISOString()],
    );
    const result = new Map<string, RepaymentRecord[]>();
    for (const r of rows) {
      const record: RepaymentRecord = { product: r.product, amount: num(r.amount), dueDate: new Date(r.due_date), paidAt: r.paid_at ? new Date(r.paid_at) : null };
      const list = result.get(r.customer_id);
      if (list) list.push(record);
      else result.set(r.customer_id, [record]);
    }
    return result;
  }

  /**
   * From the bounds ingestion keeps. Only a customer whose latest event lies after asOf (sources may
   * run up to a day ahead) needs its raw rows, and then just one index probe for the latest before.
   */
  async customerTimes(customerIds: readonly string[], asOf: Date): Promise<Map<string, CustomerTimes>> {
    const rows: { customer_id: string; first_tx: Date | null; first_use: Date | null; last_tx: Date | null; first_due: Date | null }[] = await this.db.query(
      `SELECT c.customer_id, b.first_tx, b.first_use, b.first_due,
              CASE WHEN b.last_tx IS NULL OR b.last_tx <= $2::timestamptz THEN b.last_tx
                   ELSE (SELECT max(occurred_at) FROM transactions t WHERE t.customer_id = c.customer_id AND t.occurred_at <= $2::timestamptz) END AS last_tx
       FROM unnest($1::text[]) AS c(customer_id)
       LEFT JOIN customer_event_bounds b ON b.customer_id = c.customer_id`,
      [customerIds, asOf.toISOString()],
    );
    const earliest = (...dates: (Date | null)[]): Date | null =>
      dates.filter((d): d is Date => d !== null).map((d) => new Date(d)).reduce<Date | null>((a, b) => (a === null || b < a ? b : a), null);
    return new Map(
      rows.map((r) => [
        r.customer_id,
        {
          firstSeenAt: earliest(r.first_tx, r.first_due),
          // A repayment means the line was used even if the purchase predates our records.
          firstUsedAt: earliest(r.first_use, r.first_due),
          lastTransactionAt: r.last_tx ? new Date(r.last_tx) : null,
        },
      ]),
    );
  }

  async stages(customerIds: readonly string[]): Promise<Map<string, LifecycleStage>> {
    const rows: { customer_id: string; lifecycle_stage: LifecycleStage }[] = await this.db.query(
      `SELECT customer_id, lifecycle_stage FROM behaviour_profiles WHERE customer_id = ANY($1::text[])`,
      [customerIds],
    );
    return new Map(rows.map((r) => [r.customer_id, r.lifecycle_stage]));
  }

  async saveProfiles(profiles: readonly ProfileWrite[]): Promise<void> {
    if (profiles.length === 0) return;
    await this.db.query(
      `INSERT INTO behaviour_profiles AS p
         (customer_id, lifecycle_stage, as_of, rules_version, first_seen_at, months_since_first_use, current_days_past_due, windows)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::timestamptz[], $6::int[], $7::int[], $8::jsonb[])
       ON CONFLICT (customer_id) DO UPDATE SET
         lifecycle_stage = excluded.lifecycle_stage, as_of = excluded.as_of, rules_version = excluded.rules_version,
         first_seen_at = excluded.first_seen_at, months_since_first_use = excluded.months_since_first_use,
         current_days_past_due = excluded.current_days_past_due, windows = excluded.windows`,
      [
        profiles.map((p) => p.customerId),
        profiles.map((p) => p.lifecycleStage),
        profiles.map((p) => p.asOf.toISOString()),
        profiles.map((p) => p.rulesVersion),
        profiles.map((p) => p.firstSeenAt.toISOString()),
        profiles.map((p) => p.monthsSinceFirstUse),
        profiles.map((p) => p.currentDaysPastDue),
        profiles.map((p) => JSON.stringify(p.windows)),
      ],
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
    const result = new Map<string, MonthActivity[]>();
    for (const r of rows) {
      const a: MonthActivity = { month: r.month, creditSpend: num(r.credit_spend), repaid: num(r.repaid) };
      result.set(r.customer_id, [...(result.get(r.customer_id) ?? []), a]);
    }
    return result;
  }

  async dailyVolume(from: string, to: string): Promise<{ day: string; transactions: number }[]> {
    const rows: { day: string; transactions: string }[] = await this.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, transactions FROM daily_volume WHERE day BETWEEN $1::date AND $2::date ORDER BY day`,
      [from, to],
    );
    return rows.map((r) => ({ day: r.day, transactions: num(r.transactions) }));
  }
}
