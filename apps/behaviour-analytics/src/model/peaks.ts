import { detectPeaks, fixedPeakPeriods, PEAK_CALENDAR_FIRST_YEAR, PEAK_CALENDAR_LAST_YEAR, PRODUCTS, type Product } from '@jc/domain';
import { DAY_MS } from './repayment-history';

export const MAX_PEAK_RANGE_DAYS = 3 * 366;
/** Days of history before `from` the detector needs for its trailing median. */
export const DETECTION_WINDOW_DAYS = 28;

export interface PeakWindowRecord {
  source: 'CALENDAR' | 'DETECTED';
  code: string;
  name: string;
  start: string;
  end: string;
  products: Product[];
  multiplier: number;
}

export function peakRangeProblems(from: string, to: string): { path: string; reason: string }[] {
  const problems: { path: string; reason: string }[] = [];
  for (const [path, day] of [['from', from], ['to', to]] as const) {
    const year = Number(day.slice(0, 4));
    if (year < PEAK_CALENDAR_FIRST_YEAR || year > PEAK_CALENDAR_LAST_YEAR) {
      problems.push({ path, reason: `must be within ${PEAK_CALENDAR_FIRST_YEAR}–${PEAK_CALENDAR_LAST_YEAR}, the years the lunar calendar table covers` });
    }
  }
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
  if (span < 0) problems.push({ path: 'to', reason: 'must not be before from' });
  else if (span > MAX_PEAK_RANGE_DAYS) problems.push({ path: 'to', reason: `must be at most ${MAX_PEAK_RANGE_DAYS} days after from` });
  return problems;
}

export const detectionStart = (from: string): string => new Date(Date.parse(`${from}T00:00:00Z`) - DETECTION_WINDOW_DAYS * DAY_MS).toISOString().slice(0, 10);

/** Calendar windows plus detected runs of high volume overlapping [from, to], ordered by start. */
export function peakWindows(from: string, to: string, dailyVolume: readonly { day: string; transactions: number }[]): PeakWindowRecord[] {
  const calendar: PeakWindowRecord[] = fixedPeakPeriods(from, to).map((p) => ({
    source: 'CALENDAR',
    code: p.code,
    name: p.nameEn,
    start: p.start,
    end: p.end,
    products: [...p.products],
    multiplier: p.multiplier,
  }));
  const detected: PeakWindowRecord[] = detectPeaks(
    dailyVolume.map((d) => ({ date: d.day, volume: d.transactions })),
    { window: DETECTION_WINDOW_DAYS, minVolume: 10 },
  )
    // A zero trailing median (sparse volume, or volume resuming after a gap) is no baseline: any
    // day of at least minVolume would be "above" it and its ratio is infinite, so such runs are
    // not peaks, and the multiplier of those that are is always a real ratio.
    .filter((p) => Number.isFinite(p.maxRatio) && p.end >= from && p.start <= to)
    .map((p) => ({
      source: 'DETECTED',
      code: 'DETECTED',
      name: `Volume peak ${p.start}${p.end === p.start ? '' : ` to ${p.end}`}`,
      start: p.start,
      end: p.end,
      products: [...PRODUCTS],
      multiplier: Math.round(p.maxRatio * 100) / 100,
    }));
  return [...calendar, ...detected].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.source < b.source ? -1 : 1));
}
