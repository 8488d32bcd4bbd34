import type { Product } from './enums';

/**
 * Holiday and shopping-festival peaks that call for temporary limit uplifts. Dates are calendar
 * days in UTC, written 'YYYY-MM-DD'; a Date argument is read by its UTC day. Windows are inclusive
 * on both ends.
 */

export type PeakCode = 'SPRING_FESTIVAL' | 'MID_YEAR_618' | 'DOUBLE_11';
export type PeakDate = Date | string;

export interface PeakFestival {
  code: PeakCode;
  nameZh: string;
  nameEn: string;
  /** Products whose temporary uplift the peak typically calls for. */
  products: readonly Product[];
  /** Typical daily volume inside the window relative to an ordinary day. */
  volumeMultiplier: number;
  /** The window is [festival day - daysBefore, festival day + daysAfter]. */
  daysBefore: number;
  daysAfter: number;
}

export interface PeakPeriod {
  code: PeakCode;
  nameZh: string;
  nameEn: string;
  products: readonly Product[];
  multiplier: number;
  /** The festival day itself. */
  day: string;
  start: string;
  end: string;
}

export class PeakCalendarError extends Error {
  override readonly name = 'PeakCalendarError';
}

export const PEAK_FESTIVALS: readonly PeakFestival[] = [
  // Cash needs (gifts, travel home, red envelopes) and offline spending both rise before the
  // holiday; after it, volume falls back within about a week.
  {
    code: 'SPRING_FESTIVAL',
    nameZh: '春节',
    nameEn: 'Spring Festival',
    products: ['CASH_LOAN', 'PAY_LATER'],
    volumeMultiplier: 1.6,
    daysBefore: 14,
    daysAfter: 7,
  },
  // Shopping festivals are online pre-sales plus the day itself: a consumption (pay-later) peak.
  {
    code: 'MID_YEAR_618',
    nameZh: '618购物节',
    nameEn: '618 Shopping Festival',
    products: ['PAY_LATER'],
    volumeMultiplier: 1.8,
    daysBefore: 17,
    daysAfter: 0,
  },
  {
    code: 'DOUBLE_11',
    nameZh: '双十一',
    nameEn: 'Double 11 (Singles Day)',
    products: ['PAY_LATER'],
    volumeMultiplier: 2.5,
    daysBefore: 10,
    daysAfter: 0,
  },
];

/** First day of the lunar new year (正月初一), which moves every year, so it is a table. */
export const SPRING_FESTIVAL_DATES: Readonly<Record<number, string>> = {
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
};

export const PEAK_CALENDAR_FIRST_YEAR = 2020;
export const PEAK_CALENDAR_LAST_YEAR = 2035;

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(value: PeakDate, what: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new PeakCalendarError(`${what} is an invalid Date`);
    return Math.floor(ms / DAY_MS);
  }
  const ms = ISO_DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new PeakCalendarError(`${what} "${value}" is not a calendar day as YYYY-MM-DD`);
  }
  return ms / DAY_MS;
}

const dayString = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

const festivalByCode = new Map(PEAK_FESTIVALS.map((f) => [f.code, f]));

/** The festival day of `code` in `year`; throws outside the years the lunar table covers. */
export function festivalDay(code: PeakCode, year: number): string {
  if (!Number.isInteger(year) || year < PEAK_CALENDAR_FIRST_YEAR || year > PEAK_CALENDAR_LAST_YEAR) {
    throw new PeakCalendarError(
      `the peak calendar covers ${PEAK_CALENDAR_FIRST_YEAR}–${PEAK_CALENDAR_LAST_YEAR}; ${year} is outside it ` +
        '(the Spring Festival date comes from a lunar table)',
    );
  }
  switch (code) {
    case 'SPRING_FESTIVAL':
      return SPRING_FESTIVAL_DATES[year] as string;
    case 'MID_YEAR_618':
      return `${year}-06-18`;
    case 'DOUBLE_11':
      return `${year}-11-11`;
  }
}

function periodFor(festival: PeakFestival, year: number): PeakPeriod {
  const day = dayNumber(festivalDay(festival.code, year), 'festival day');
  return {
    code: festival.code,
    nameZh: festival.nameZh,
    nameEn: festival.nameEn,
    products: festival.products,
    multiplier: festival.volumeMultiplier,
    day: dayString(day),
    start: dayString(day - festival.daysBefore),
    end: dayString(day + festival.daysAfter),
  };
}

/** Peak windows overlapping [from, to] (both inclusive), ordered by start. */
export function fixedPeakPeriods(from: PeakDate, to: PeakDate): PeakPeriod[] {
  const first = dayNumber(from, 'from');
  const last = dayNumber(to, 'to');
  if (last < first) throw new PeakCalendarError(`to (${dayString(last)}) is before from (${dayString(first)})`);
  const firstYear = new Date(first * DAY_MS).getUTCFullYear();
  const lastYear = new Date(last * DAY_MS).getUTCFullYear();
  const periods: PeakPeriod[] = [];
  // No window crosses a year boundary, so each overlapping window belongs to a year in range.
  for (let year = firstYear; year <= lastYear; year++) {
    for (const festival of PEAK_FESTIVALS) {
      const period = periodFor(festival, year);
      if (dayNumber(period.end, 'end') >= first && dayNumber(period.start, 'start') <= last) periods.push(period);
    }
  }
  return periods.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** The peak windows that contain `date`. */
export function peaksOn(date: PeakDate): PeakPeriod[] {
  return fixedPeakPeriods(date, date);
}

export function peakFestival(code: PeakCode): PeakFestival {
  const festival = festivalByCode.get(code);
  if (!festival) throw new PeakCalendarError(`unknown peak code "${String(code)}"`);
  return festival;
}

export interface VolumePoint {
  date: PeakDate;
  volume: number;
}

export interface DetectPeaksOptions {
  /** Days of history the baseline median looks back over. */
  window?: number;
  /** A day is a peak when its volume is at least ratio × the trailing median. */
  ratio?: number;
  /** Days below this volume are never peaks, so sparse series do not flag every non-zero day. */
  minVolume?: number;
  /** Days with fewer prior days than this have no baseline yet and are never peaks. */
  minHistory?: number;
}

export interface DetectedPeak {
  start: string;
  end: string;
  days: number;
  totalVolume: number;
  maxVolume: number;
  /** Largest volume / trailing-median ratio inside the period (Infinity on a zero baseline). */
  maxRatio: number;
  /** Trailing median on the first day of the period. */
  baseline: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Days whose volume is well above the median of the `window` days before them, merged into runs of
 * consecutive days. Entries for the same day are summed and days missing between the first and
 * last entry count as zero volume, because a day with no events simply has no row.
 * A peak longer than about half the window lifts its own baseline, so its tail may be cut short.
 */
export function detectPeaks(series: readonly VolumePoint[], options: DetectPeaksOptions = {}): DetectedPeak[] {
  const window = options.window ?? 28;
  const ratio = options.ratio ?? 1.8;
  const minVolume = options.minVolume ?? 1;
  const minHistory = options.minHistory ?? Math.min(7, window);
  if (!Number.isInteger(window) || window < 1) throw new PeakCalendarError('window must be a positive whole number of days');
  if (!Number.isFinite(ratio) || ratio <= 0) throw new PeakCalendarError('ratio must be a positive number');
  if (!Number.isFinite(minVolume)) throw new PeakCalendarError('minVolume must be a finite number');
  if (!Number.isInteger(minHistory) || minHistory < 1 || minHistory > window) {
    throw new PeakCalendarError('minHistory must be a whole number of days between 1 and window');
  }
  if (series.length === 0) return [];

  const byDay = new Map<number, number>();
  for (const point of series) {
    if (!Number.isFinite(point.volume) || point.volume < 0) {
      throw new PeakCalendarError(`volume must be a finite non-negative number, got ${point.volume}`);
    }
    const day = dayNumber(point.date, 'date');
    byDay.set(day, (byDay.get(day) ?? 0) + point.volume);
  }
  const days = [...byDay.keys()];
  const firstDay = Math.min(...days);
  const lastDay = Math.max(...days);
  const volumes: number[] = [];
  for (let d = firstDay; d <= lastDay; d++) volumes.push(byDay.get(d) ?? 0);

  const peaks: DetectedPeak[] = [];
  let open: DetectedPeak | null = null;
  for (let i = 0; i < volumes.length; i++) {
    const volume = volumes[i] as number;
    let isPeak = false;
    let baseline = 0;
    if (i >= minHistory && volume >= minVolume && volume > 0) {
      baseline = median(volumes.slice(Math.max(0, i - window), i));
      isPeak = volume >= ratio * baseline;
    }
    if (!isPeak) {
      open = null;
      continue;
    }
    const dayRatio = baseline > 0 ? volume / baseline : Number.POSITIVE_INFINITY;
    const date = dayString(firstDay + i);
    if (open) {
      open.end = date;
      open.days += 1;
      open.totalVolume += volume;
      open.maxVolume = Math.max(open.maxVolume, volume);
      open.maxRatio = Math.max(open.maxRatio, dayRatio);
    } else {
      open = { start: date, end: date, days: 1, totalVolume: volume, maxVolume: volume, maxRatio: dayRatio, baseline };
      peaks.push(open);
    }
  }
  return peaks;
}
