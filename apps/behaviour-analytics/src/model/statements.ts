import type { Minor } from '@jc/domain';
import { DAY_MS, type Overdue } from './repayment-history';

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
 * Days past due an amount reached during the month [start, end]: counted until it was settled or
 * the month ended, whichever came first; null when it was not past due at any time in the month
 * (not yet due by its end, or settled before the month began).
 */
function daysLateInMonth(o: Overdue, start: number, end: number): number | null {
  const due = o.record.dueDate.getTime();
  const settled = o.settledAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (due > end || settled <= start) return null;
  return Math.max(0, Math.floor((Math.min(settled, end) - due) / DAY_MS));
}

/**
 * Statements for `months` (newest first). A month's status is the months late of the worst amount
 * past due in it, measured at the month's end (at asOf for the current month) or when it was paid,
 * whichever is first (a part month counts as one): an amount left unpaid keeps every later month
 * late, not only the month it fell due. Otherwise, with repayments due in the month, repaying at
 * least the previous month's balance (in the month, or for its dues however early) is paid in full
 * and less is revolving; with nothing due, spending is revolving use and no spending is no use.
 */
export function buildStatements(input: {
  months: readonly string[];
  activity: readonly MonthActivity[];
  /** overdueAt(the customer's repayment records, asOf), including amounts due before the first month. */
  overdue: readonly Overdue[];
  limits: readonly LimitRecord[];
  asOf: Date;
}): MonthlyStatementRecord[] {
  const byMonth = new Map(input.activity.map((a) => [a.month, a]));
  return input.months.map((month) => {
    const a = byMonth.get(month);
    const balance = a?.creditSpend ?? 0;
    const repaid = a?.repaid ?? 0;
    const [y, m] = month.split('-').map(Number) as [number, number];
    const start = Date.UTC(y, m - 1, 1);
    const end = Math.min(Date.UTC(y, m, 1) - 1, input.asOf.getTime());
    const due = input.overdue.filter((o) => monthStart(o.record.dueDate) === month && o.record.dueDate <= input.asOf);
    const worstDays = input.overdue.reduce((w, o) => Math.max(w, daysLateInMonth(o, start, end) ?? 0), 0);
    let status: number;
    if (worstDays > 0) status = Math.ceil(worstDays / DAYS_PER_MONTH_LATE);
    else if (due.length > 0) {
      const previous = byMonth.get(new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10));
      // what the month's dues were paid with, even if paid early in an earlier month
      const paidForDues = due.reduce((sum, o) => sum + (o.record.paidAt !== null && o.record.paidAt.getTime() <= end ? o.record.amount : 0), 0);
      status = Math.max(repaid, paidForDues) >= (previous?.creditSpend ?? 0) ? -1 : 0;
    } else status = balance > 0 ? 0 : -2;
    return { month, limit: limitAtMonthEnd(input.limits, month, input.asOf), statementBalance: balance, amountRepaid: repaid, delinquencyStatus: status };
  });
}
