import { MONTHS, type StatementRow } from './statement-columns';

// Plain loops rather than generic helpers taking callbacks: these run once per characteristic
// per customer on the batch path, where a megamorphic callback costs more than the arithmetic.

type Row = StatementRow;

/** Months late, with the no-use / paid / revolving codes (-2, -1, 0) as 0. */
export const late = (r: Row, m: number) => Math.max(r.status(m), 0);

export const utilisation = (r: Row, m: number) => r.balance(m) / r.limit(m);

/** Utilisation of a month with something owed; an unused line is a different state, not 0%. */
export const owedUtilisation = (r: Row, m: number) => (r.balance(m) > 0 ? r.balance(m) / r.limit(m) : NaN);

/** New spending in month m: the balance change plus what was repaid. */
export const spend = (r: Row, m: number) => r.balance(m) - r.balance(m + 1) + r.repaid(m);

export function worstLate(r: Row, from: number, to: number): number {
  let worst = 0;
  for (let m = from; m < to; m++) worst = Math.max(worst, r.status(m));
  return worst;
}

export function monthsWithStatus(r: Row, status: number): number {
  let count = 0;
  for (let m = 0; m < MONTHS; m++) if (r.status(m) === status) count++;
  return count;
}

export function monthsLate(r: Row): number {
  let count = 0;
  for (let m = 0; m < MONTHS; m++) if (r.status(m) >= 1) count++;
  return count;
}

export function monthsSinceLate(r: Row): number {
  for (let m = 0; m < MONTHS; m++) if (r.status(m) >= 1) return m;
  return MONTHS;
}

export function meanUtilisation(r: Row, from: number, to: number): number {
  let sum = 0;
  for (let m = from; m < to; m++) sum += r.balance(m) / r.limit(m);
  return sum / (to - from);
}

export function maxUtilisation(r: Row): number {
  let best = -Infinity;
  for (let m = 0; m < MONTHS; m++) best = Math.max(best, r.balance(m) / r.limit(m));
  return best;
}

export function meanSpend(r: Row, from: number, to: number): number {
  let sum = 0;
  for (let m = from; m < to; m++) sum += spend(r, m);
  return sum / (to - from);
}

export function meanRepaid(r: Row, from: number, to: number): number {
  let sum = 0;
  for (let m = from; m < to; m++) sum += r.repaid(m);
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

/** Months (of the five with a previous statement) where something was owed and the repayment met `test`. */
function monthsOwing(r: Row, share: number, atLeast: boolean): number {
  let count = 0;
  for (let m = 0; m < MONTHS - 1; m++) {
    const owed = r.balance(m + 1);
    if (owed <= 0) continue;
    const paid = r.repaid(m);
    if (atLeast ? paid >= share * owed : share === 0 ? paid === 0 : paid < share * owed) count++;
  }
  return count;
}

export const monthsNothingRepaid = (r: Row) => monthsOwing(r, 0, false);
export const monthsUnderTenthRepaid = (r: Row) => monthsOwing(r, 0.1, false);
export const monthsFullyRepaid = (r: Row) => monthsOwing(r, 1, true);

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
  const older = worstLate(r, 2, MONTHS);
  return `${rollPattern(r)}|${older >= 2 ? 'late2+' : older === 1 ? 'late1' : 'clean'}`;
}

const EDUCATION: Record<number, string> = { 1: 'graduate', 2: 'university', 3: 'high-school', 4: 'other' };

/** Codes 0, 5 and 6 are undocumented in the source data: all "unknown". */
export const educationLevel = (r: Row) => EDUCATION[r.education()] ?? 'unknown';
