import type { Minor } from '@jc/domain';
import type { Overdue } from './repayment-history';

export const MAX_STATEMENT_MONTHS = 36;
const DAYS_PER_MONTH_LATE = 30;

export interface MonthActivity {
  /** 'YYYY-MM-01' */
  month: string;
  creditSpend: Minor;
  repaid: Minor;
}

/** A joint limit limit.changed announced, effective from decidedAt. */
export interface LimitRecord {
  decidedAt: Date;
  jointLimit: Minor;
}

export interface MonthlyStatementRecord {
  month: string;
  limit: Minor | null;
  statementBalance: Minor;
  amountRepaid: Minor;
  /** -2 no use, -1 paid in full, 0 revolving, k = k months late. */
  delinquencyStatus: number;
}

export function monthStart(at: Date): string {
  return `${at.toISOString().slice(0, 7)}-01`;
}

/** The first day of the `count` months ending with the month of `asOf`, newest first. */
export function lastMonths(asOf: Date, count: number): string[] {
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    months.push(new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - i, 1)).toISOString().slice(0, 10));
  }
  return months;
}

/** The joint limit in force at the month's end (or at asOf, for the current month); null before any. */
export function limitAtMonthEnd(limits: readonly LimitRecord[], month: string, asOf: Date): Minor | null {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const end = Math.min(Date.UTC(y, m, 1) - 1, asOf.getTime());
  let known: LimitRecord | null = null;
  for (const l of limits) if (l.decidedAt.getTime() <= end && (known === null || l.decidedAt >= known.decidedAt)) known = l;
  return known?.jointLimit ?? null;
}

/**
 * Statements for `months` (newest first). A month's status comes from the repayments due in it:
 * late ones give the months late (a part month counts as one); otherwise repaying at least the
 * previous month's balance is paid in full and less is revolving; with nothing due, spending is
 * revolving use and no spending is no use.
 */
export function buildStatements(input: {
  months: readonly string[];
  activity: readonly MonthActivity[];
  /** overdueAt(the customer's repayment records, asOf). */
  overdue: readonly Overdue[];
  limits: readonly LimitRecord[];
  asOf: Date;
}): MonthlyStatementRecord[] {
  const byMonth = new Map(input.activity.map((a) => [a.month, a]));
  return input.months.map((month) => {
    const a = byMonth.get(month);
    const balance = a?.creditSpend ?? 0;
    const repaid = a?.repaid ?? 0;
    const due = input.overdue.filter((o) => monthStart(o.record.dueDate) === month && o.record.dueDate <= input.asOf);
    const worstDays = due.reduce((w, o) => Math.max(w, o.days), 0);
    let status: number;
    if (worstDays > 0) status = Math.ceil(worstDays / DAYS_PER_MONTH_LATE);
    else if (due.length > 0) {
      const [y, m] = month.split('-').map(Number) as [number, number];
      const previous = byMonth.get(new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10));
      status = repaid >= (previous?.creditSpend ?? 0) ? -1 : 0;
    } else status = balance > 0 ? 0 : -2;
    return { month, limit: limitAtMonthEnd(input.limits, month, input.asOf), statementBalance: balance, amountRepaid: repaid, delinquencyStatus: status };
  });
}
