import { MONTHS, type MonthlyStatement } from '@jc/scorecard';
import type { Minor } from '@jc/domain';
import { BEFORE_EARLIEST, EARLIEST_DATE } from './earliest-date';

/** One stored monthly statement, amounts in fen; `month` is the first day of the month (YYYY-MM-01). */
export interface StoredStatement {
  month: string;
  limit: Minor;
  balance: Minor;
  repaid: Minor;
  status: number;
}

export const MIN_STATUS = -2;
/** The reference data never goes past 8 months late; 9 stands for "9 or more". */
export const MAX_STATUS = 9;
/** How many statements one call may carry: a year's worth is plenty to catch up. */
export const MAX_STATEMENTS_PER_CALL = 12;

/**
 * The model was trained on NT$ amounts, so CNY fen are converted to NT$ before scoring. The
 * default is roughly the 2024–2026 exchange rate (about 4.4 NT$ per yuan); only relative
 * levels and ratios drive most characteristics, but limit and amount bins are absolute, so a
 * deployment can set CREDIT_SCORING_MODEL_UNITS_PER_YUAN to match the model it runs.
 */
export const DEFAULT_MODEL_UNITS_PER_YUAN = 4.4;

export function modelUnitsPerYuanFrom(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.CREDIT_SCORING_MODEL_UNITS_PER_YUAN;
  if (text === undefined || text === '') return DEFAULT_MODEL_UNITS_PER_YUAN;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`CREDIT_SCORING_MODEL_UNITS_PER_YUAN must be a positive number, got ${text}`);
  return value;
}

/** YYYY-MM-01 of the month holding `day` (YYYY-MM-DD). */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function previousMonth(month: string): string {
  const d = new Date(`${month}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}

/** Nothing spent, repaid or due: what the month in progress says until something happens in it. */
const isUntouched = (s: StoredStatement) => s.balance === 0 && s.repaid === 0 && s.status === MIN_STATUS;

/**
 * The six calendar months ending with the latest stored statement, most recent first, in the
 * model's units. A month with no statement (the customer is newer than six months, or a month
 * is missing) counts as a "no use" month: status -2, balance 0, repaid 0, and the limit of the
 * nearest older known month, or of the earliest known month when none is older. That is how the
 * reference data records an open line nobody used, so a short history scores like an idle one
 * rather than failing. Returns null without any statement.
 *
 * The month in progress (the month of `today`) leads the window only once something happened in
 * it. Until then it is not an idle month but one not yet lived; counting it as "no use" would
 * shift every customer's window by a month on the first of each month and read their newest
 * closed month as a month older.
 */
export function sixMonthWindow(stored: ReadonlyArray<StoredStatement>, unitsPerYuan: number, today: string): MonthlyStatement[] | null {
  if (stored.length === 0) return null;
  const byMonth = new Map(stored.map((s) => [s.month, s]));
  const sorted = [...stored].sort((a, b) => (a.month < b.month ? 1 : -1));
  const newest = sorted[0] as StoredStatement;
  const earliest = sorted.at(-1) as StoredStatement;
  const toUnits = (fen: Minor) => (fen / 100) * unitsPerYuan;
  const months: string[] = [newest.month === monthOf(today) && isUntouched(newest) ? previousMonth(newest.month) : newest.month];
  while (months.length < MONTHS) months.push(previousMonth(months.at(-1) as string));
  return months.map((month) => {
    const s = byMonth.get(month);
    if (s) return { limit: toUnits(s.limit), balance: toUnits(s.balance), repaid: toUnits(s.repaid), status: s.status };
    const older = sorted.find((x) => x.month < month) ?? earliest;
    return { limit: toUnits(older.limit), balance: 0, repaid: 0, status: -2 };
  });
}

export interface StatementProblem {
  path: string;
  reason: string;
}

/** Every problem of one call's statements, by index; empty when they can be stored. */
export function statementProblems(statements: ReadonlyArray<StoredStatement>, today: string): StatementProblem[] {
  const problems: StatementProblem[] = [];
  if (statements.length === 0) problems.push({ path: 'statements', reason: 'at least one statement is needed' });
  if (statements.length > MAX_STATEMENTS_PER_CALL) problems.push({ path: 'statements', reason: `at most ${MAX_STATEMENTS_PER_CALL} statements per call` });
  const seen = new Set<string>();
  statements.forEach((s, i) => {
    const at = `statements[${i}]`;
    if (s.month > monthOf(today)) problems.push({ path: `${at}.month`, reason: 'must not be in a future month' });
    if (s.month < EARLIEST_DATE) problems.push({ path: `${at}.month`, reason: BEFORE_EARLIEST });
    if (seen.has(s.month)) problems.push({ path: `${at}.month`, reason: 'another statement has the same month' });
    seen.add(s.month);
    if (!(s.limit > 0)) problems.push({ path: `${at}.limit`, reason: 'must be positive' });
    if (s.repaid < 0) problems.push({ path: `${at}.repaid`, reason: 'must not be negative' });
    if (Math.abs(s.balance) > 100 * s.limit && s.limit > 0) problems.push({ path: `${at}.balance`, reason: 'must not exceed 100 times the limit' });
    if (!Number.isInteger(s.status) || s.status < MIN_STATUS || s.status > MAX_STATUS) {
      problems.push({ path: `${at}.status`, reason: `must be a whole number from ${MIN_STATUS} to ${MAX_STATUS}` });
    }
  });
  return problems;
}
