import type { Queryable } from './queryable';
import type { Minor } from '@jc/domain';
import type { BudgetState } from '../model/portfolio';

export interface ExposureGroupRecord {
  key: string;
  lines: number;
  /** Base joint limits granted. */
  exposure: Minor;
  cashLoanLimit: Minor;
  payLaterLimit: Minor;
  used: Minor;
  held: Minor;
}

export interface PortfolioTotals extends BudgetState {
  lines: number;
  cashLoan: { limit: Minor; used: Minor; held: Minor };
  payLater: { limit: Minor; used: Minor; held: Minor };
  byTier: ExposureGroupRecord[];
  byStage: ExposureGroupRecord[];
  byRegion: ExposureGroupRecord[];
}

/** True for the error the budget trigger raises when an increase would pass the budget. */
export function isOverBudget(err: unknown): boolean {
  const e = err as { message?: string; driverError?: { message?: string } };
  return /portfolio_budget_exceeded/.test(e?.message ?? '') || /portfolio_budget_exceeded/.test(e?.driverError?.message ?? '');
}

const n = (v: unknown) => Number(v ?? 0);

export class PortfolioRepository {
  constructor(private readonly dataSource: Queryable) {}

  /** The budget and what it counts at `at`: overlays not yet ended then, beside the granted base limits. */
  async budget(at: Date): Promise<BudgetState> {
    const [row] = await this.dataSource.query(`SELECT exposure_budget, granted, portfolio_overlay_exposure($1) AS overlays FROM portfolio_budget WHERE id = 1`, [at]);
    return { exposureBudget: row.exposure_budget === null ? null : n(row.exposure_budget), granted: n(row.granted), overlays: n(row.overlays) };
  }

  async setBudget(exposureBudget: Minor | null, actor: string, at: Date): Promise<BudgetState> {
    await this.dataSource.query(`UPDATE portfolio_budget SET exposure_budget = $1, updated_by = $2, updated_at = $3 WHERE id = 1`, [exposureBudget, actor, at]);
    return this.budget(at);
  }

  /**
   * One pass over the open lines: the totals and the three breakdowns as grouping sets of one query.
   * Stage and region come from the risk snapshot; lines without one count as UNKNOWN.
   */
  async totals(at: Date): Promise<PortfolioTotals> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT GROUPING(tier, stage, region) AS grouping, coalesce(tier, stage, region) AS key, count(*)::int AS lines,
              sum(joint_limit) AS exposure, sum(cash_loan_limit) AS cl_limit, sum(cash_loan_used) AS cl_used, sum(cash_loan_held) AS cl_held,
              sum(pay_later_limit) AS pl_limit, sum(pay_later_used) AS pl_used, sum(pay_later_held) AS pl_held
       FROM (SELECT l.*, coalesce(s.lifecycle_stage, 'UNKNOWN') AS stage, coalesce(s.region, 'UNKNOWN') AS region
             FROM credit_lines l LEFT JOIN risk_snapshots s ON s.customer_id = l.customer_id
             WHERE l.status <> 'CLOSED') open_lines
       GROUP BY GROUPING SETS ((tier), (stage), (region), ())
       ORDER BY 1, 2`,
    );
    // GROUPING sets a bit for each column left out of the set: tier 4, stage 2, region 1.
    const group = (grouping: number): ExposureGroupRecord[] =>
      rows
        .filter((r) => n(r.grouping) === grouping)
        .map((r) => ({
          key: String(r.key),
          lines: n(r.lines),
          exposure: n(r.exposure),
          cashLoanLimit: n(r.cl_limit),
          payLaterLimit: n(r.pl_limit),
          used: n(r.cl_used) + n(r.pl_used),
          held: n(r.cl_held) + n(r.pl_held),
        }));
    const all = rows.find((r) => n(r.grouping) === 7);
    return {
      ...(await this.budget(at)),
      lines: n(all?.lines),
      cashLoan: { limit: n(all?.cl_limit), used: n(all?.cl_used), held: n(all?.cl_held) },
      payLater: { limit: n(all?.pl_limit), used: n(all?.pl_used), held: n(all?.pl_held) },
      byTier: group(3),
      byStage: group(5),
      byRegion: group(6),
    };
  }
}
