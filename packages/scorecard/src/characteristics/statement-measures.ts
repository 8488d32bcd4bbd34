import { MONTHS, type StatementRow } from './statement-columns';

type Row = StatementRow;

/** Months late, with the no-use / paid / revolving codes (-2, -1, 0) as 0. */
export const late = (r: Row, m: number) => Math.max(r.status(m), 0);

export const utilisation = (r: Row, m: number) => r.balance(m) / r.limit(m);

/** Utilisation of a month with something owed; an unused line is a different state, not 0%. */
export const owedUtilisation = (r: Row, m: number) => (r.balance(m) > 0 ? r.balance(m) / r.limit(m) : NaN);

/** New spending in month m: the balance change plus what was repaid. */
export const spend = (r: Row, m: number) => r.balance(m) - r.balance(m + 1) + r.repaid(m);

export const repaid = (r: Row, m: number) => r.repaid(m);

export function countMonths(r: Row, from: number, to: number, test: (r: Row, m: number) => boolean): number {
  let count = 0;
  for (let m = from; m < to; m++) if (test(r, m)) count++;
  return count;
}

export function maxOver(r: Row, from: number, to: number, f: (r: Row, m: number) => number): number {
  let best = -Infinity;
  for (let m = from; m < to; m++) best = Math.max(best, f(r, m));
  return best;
}

export function meanOver(r: Row, from: number, to: number, f: (r: Row, m: number) => number): number {
  let sum = 0;
  for (let m = from; m < to; m++) sum += f(r, m);
  return sum / (to - from);
}

/**
 * What was repaid in months from..to-1 against the statements those payments settle (each
 * month's previous statement); capped at 10 so a tiny balance cannot produce a huge ratio.
 */
export function repaymentRatio(r: Row, from: number, to: number): number {
  let paid = 0;
  let owed = 0;
  for (let m = from; m < to; m++) {
    paid += r.repaid(m);
    owed += Math.max(r.balance(m + 1), 0);
  }
  return owed > 0 ? Math.min(paid / owed, 10) : NaN;
}

export function monthsSinceLate(r: Row): number {
  for (let m = 0; m < MONTHS; m++) if (r.status(m) >= 1) return m;
  return MONTHS;
}

function statusBucket(status: number): string {
  if (status <= -2) return 'unused';
  if (status === -1) return 'paid';
  if (status === 0) return 'revolving';
  return status === 1 ? 'late1' : 'late2+';
}

/** Previous and latest status, e.g. "revolving>late1": the roll between the last two statements. */
export const rollPattern = (r: Row) => `${statusBucket(r.status(1))}>${statusBucket(r.status(0))}`;

/** The roll plus the worst status of the four statements before, e.g. "paid>paid|late1". */
export function delinquencyPattern(r: Row): string {
  const older = maxOver(r, 2, MONTHS, late);
  return `${rollPattern(r)}|${older >= 2 ? 'late2+' : older === 1 ? 'late1' : 'clean'}`;
}

const EDUCATION: Record<number, string> = { 1: 'graduate', 2: 'university', 3: 'high-school', 4: 'other' };

/** Codes 0, 5 and 6 are undocumented in the source data: all "unknown". */
export const educationLevel = (r: Row) => EDUCATION[r.education()] ?? 'unknown';
