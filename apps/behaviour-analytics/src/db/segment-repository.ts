import type { DataSource } from 'typeorm';
import { round4 } from '../model/features';

export type SegmentGrouping = 'STAGE' | 'CHANNEL' | 'REGION';

export interface SegmentRow {
  key: string;
  customers: number;
  spendP50: number;
  spendP90: number;
  spendP99: number;
  delinquencyRate: number;
  delinquencyRate30: number;
}

const KEY: Record<SegmentGrouping, string> = {
  STAGE: 'lifecycle_stage',
  CHANNEL: `CASE WHEN transactions = 0 THEN 'NO_ACTIVITY' WHEN online_share >= 0.5 THEN 'ONLINE' ELSE 'OFFLINE' END`,
  REGION: `coalesce(region, 'UNKNOWN')`,
};

/** Aggregates the stored profiles (one row per customer), never the raw events. */
export class SegmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async summary(groupBy: SegmentGrouping): Promise<SegmentRow[]> {
    const rows: { key: string; customers: number; p50: string | null; p90: string | null; p99: string | null; delinquent: number; delinquent30: number }[] =
      await this.dataSource.query(
        `WITH p AS (
           SELECT p.lifecycle_stage, p.current_days_past_due, r.region,
                  coalesce((y.w->>'spend')::bigint, 0) AS spend,
                  coalesce((y.w->>'transactionCount')::int, 0) AS transactions,
                  coalesce((y.w->>'onlineShare')::float8, 0) AS online_share
           FROM behaviour_profiles p
           LEFT JOIN customer_regions r ON r.customer_id = p.customer_id
           LEFT JOIN LATERAL (SELECT w FROM jsonb_array_elements(p.windows) w WHERE (w->>'days')::int = 365) y ON true
         )
         SELECT ${KEY[groupBy]} AS key, count(*)::int AS customers,
                percentile_disc(0.5) WITHIN GROUP (ORDER BY spend) AS p50,
                percentile_disc(0.9) WITHIN GROUP (ORDER BY spend) AS p90,
                percentile_disc(0.99) WITHIN GROUP (ORDER BY spend) AS p99,
                avg((current_days_past_due > 0)::int)::float8 AS delinquent,
                avg((current_days_past_due >= 30)::int)::float8 AS delinquent30
         FROM p GROUP BY 1 ORDER BY 1`,
      );
    return rows.map((r) => ({
      key: r.key,
      customers: r.customers,
      spendP50: Number(r.p50 ?? 0),
      spendP90: Number(r.p90 ?? 0),
      spendP99: Number(r.p99 ?? 0),
      delinquencyRate: round4(Number(r.delinquent)),
      delinquencyRate30: round4(Number(r.delinquent30)),
    }));
  }
}
