/**
 * UTC calendar arithmetic on plain numbers: a "day" is days since 1970-01-01 and a "month index"
 * is year * 12 + zero-based month, which keeps the hot loops free of Date objects.
 */

export const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export class DateArgumentError extends Error {
  override readonly name = 'DateArgumentError';
}

/** A 'YYYY-MM-DD' string or a Date, read as its UTC day at 00:00. */
export function toUtcDay(value: Date | string, what = 'date'): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new DateArgumentError(`${what} is an invalid Date`);
    return new Date(Math.floor(value.getTime() / DAY_MS) * DAY_MS);
  }
  const ms = ISO_DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new DateArgumentError(`${what} "${value}" is not a calendar day as YYYY-MM-DD`);
  }
  return new Date(ms);
}

export const dayOf = (date: Date): number => Math.floor(date.getTime() / DAY_MS);
export const dayToDate = (day: number): Date => new Date(day * DAY_MS);
export const isoDay = (day: number): string => dayToDate(day).toISOString().slice(0, 10);

export function monthIndexOfDay(day: number): number {
  const date = dayToDate(day);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

export function firstDayOfMonth(monthIndex: number): number {
  return Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, 1) / DAY_MS;
}

export const daysInMonth = (monthIndex: number): number => firstDayOfMonth(monthIndex + 1) - firstDayOfMonth(monthIndex);

/** Moves by whole calendar months, clamping the day (31 March - 1 month = 28/29 February). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}
