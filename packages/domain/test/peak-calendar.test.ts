import {
  detectPeaks,
  festivalDay,
  fixedPeakPeriods,
  PeakCalendarError,
  peakFestival,
  peaksOn,
  SPRING_FESTIVAL_DATES,
  type VolumePoint,
} from '../src/peak-calendar';

const DAY_MS = 86_400_000;
const day = (iso: string, offset = 0): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);

describe('fixedPeakPeriods', () => {
  it('lists the three peaks of a year in start order with their windows', () => {
    const periods = fixedPeakPeriods('2025-01-01', '2025-12-31');
    expect(periods.map((p) => [p.code, p.start, p.day, p.end])).toEqual([
      ['SPRING_FESTIVAL', '2025-01-15', '2025-01-29', '2025-02-05'],
      ['MID_YEAR_618', '2025-06-01', '2025-06-18', '2025-06-18'],
      ['DOUBLE_11', '2025-11-01', '2025-11-11', '2025-11-11'],
    ]);
  });

  it('carries names, products and a multiplier above one', () => {
    const [spring, mid, double11] = fixedPeakPeriods(new Date('2026-01-01T00:00:00Z'), new Date('2026-12-31T00:00:00Z'));
    expect(spring).toMatchObject({ nameZh: '春节', nameEn: 'Spring Festival', day: '2026-02-17' });
    expect([...(spring?.products ?? [])].sort()).toEqual(['CASH_LOAN', 'PAY_LATER']);
    expect(mid?.products).toEqual(['PAY_LATER']);
    expect(double11).toMatchObject({ nameZh: '双十一', products: ['PAY_LATER'] });
    for (const p of [spring, mid, double11]) expect(p?.multiplier).toBeGreaterThan(1);
    expect(double11!.multiplier).toBeGreaterThan(mid!.multiplier);
  });

  it('returns only windows overlapping the range, inclusively at both ends', () => {
    expect(fixedPeakPeriods('2024-06-18', '2024-11-01').map((p) => p.code)).toEqual(['MID_YEAR_618', 'DOUBLE_11']);
    expect(fixedPeakPeriods('2024-06-19', '2024-10-31')).toEqual([]);
    expect(fixedPeakPeriods('2023-12-01', '2024-01-31').map((p) => p.day)).toEqual(['2024-02-10']);
  });

  it('spans several years', () => {
    const periods = fixedPeakPeriods('2020-01-01', '2035-12-31');
    expect(periods).toHaveLength(16 * 3);
    expect(periods.filter((p) => p.code === 'SPRING_FESTIVAL').map((p) => p.day)).toEqual(Object.values(SPRING_FESTIVAL_DATES));
  });

  it('puts every Spring Festival between 21 January and 20 February', () => {
    for (const [year, date] of Object.entries(SPRING_FESTIVAL_DATES)) {
      expect(date.startsWith(`${year}-`)).toBe(true);
      expect(date >= `${year}-01-21` && date <= `${year}-02-20`).toBe(true);
    }
  });

  it('throws a clear error outside the lunar table', () => {
    expect(() => fixedPeakPeriods('2019-12-01', '2020-03-01')).toThrow(PeakCalendarError);
    expect(() => fixedPeakPeriods('2035-12-01', '2036-01-05')).toThrow(/covers 2020–2035; 2036 is outside/);
    expect(() => festivalDay('DOUBLE_11', 2040)).toThrow(PeakCalendarError);
  });

  it('rejects malformed and reversed ranges', () => {
    expect(() => fixedPeakPeriods('2025-02-30', '2025-03-01')).toThrow(/not a calendar day/);
    expect(() => fixedPeakPeriods('2025-03-01', '2025-02-01')).toThrow(/before from/);
    expect(() => fixedPeakPeriods(new Date('nope'), '2025-02-01')).toThrow(/invalid Date/);
  });

  it('reads a Date by its UTC day', () => {
    expect(peaksOn(new Date('2025-11-11T23:59:59Z')).map((p) => p.code)).toEqual(['DOUBLE_11']);
    expect(peaksOn('2025-11-12')).toEqual([]);
    expect(peakFestival('MID_YEAR_618').daysBefore).toBe(17);
  });
});

function dailySeries(start: string, volumes: number[]): VolumePoint[] {
  return volumes.map((volume, i) => ({ date: day(start, i), volume }));
}

describe('detectPeaks', () => {
  const flat = (n: number, v = 100): number[] => Array.from({ length: n }, (_, i) => v + ((i * 7) % 5) - 2);

  it('finds a block of high days and merges it into one period', () => {
    const volumes = [...flat(40), 260, 300, 280, ...flat(20)];
    const peaks = detectPeaks(dailySeries('2025-10-01', volumes));
    expect(peaks).toHaveLength(1);
    expect(peaks[0]).toMatchObject({ start: day('2025-10-01', 40), end: day('2025-10-01', 42), days: 3, maxVolume: 300 });
    expect(peaks[0]!.totalVolume).toBe(840);
    expect(peaks[0]!.baseline).toBe(100);
    expect(peaks[0]!.maxRatio).toBeCloseTo(3, 5);
  });

  it('keeps separate runs apart and honours the ratio', () => {
    const volumes = [...flat(30), 200, ...flat(5), 170, 250, ...flat(5)];
    expect(detectPeaks(dailySeries('2025-01-01', volumes)).map((p) => p.days)).toEqual([1, 1]);
    expect(detectPeaks(dailySeries('2025-01-01', volumes), { ratio: 1.5 }).map((p) => p.days)).toEqual([1, 2]);
    expect(detectPeaks(dailySeries('2025-01-01', flat(60)))).toEqual([]);
  });

  it('needs some history before judging a day', () => {
    expect(detectPeaks(dailySeries('2025-01-01', [500, 10, 10, 10, 10, 10, 10, 10]))).toEqual([]);
    expect(detectPeaks(dailySeries('2025-01-01', [10, 10, 500]), { minHistory: 2 })).toHaveLength(1);
  });

  it('sums duplicate days, fills missing days with zero and ignores input order', () => {
    const series: VolumePoint[] = [];
    for (let i = 0; i < 30; i++) if (i % 10 !== 3) series.push({ date: day('2025-03-01', i), volume: 5 }, { date: day('2025-03-01', i), volume: 5 });
    series.push({ date: new Date(`${day('2025-03-01', 30)}T00:00:00Z`), volume: 40 });
    series.reverse();
    const peaks = detectPeaks(series);
    expect(peaks.map((p) => [p.start, p.maxVolume, p.baseline])).toEqual([[day('2025-03-01', 30), 40, 10]]);
  });

  it('uses minVolume to ignore noise on an empty baseline', () => {
    const volumes = [...Array<number>(20).fill(0), 1, 0, 0, 3];
    expect(detectPeaks(dailySeries('2025-01-01', volumes)).map((p) => p.maxVolume)).toEqual([1, 3]);
    const peaks = detectPeaks(dailySeries('2025-01-01', volumes), { minVolume: 2 });
    expect(peaks.map((p) => p.maxVolume)).toEqual([3]);
    expect(peaks[0]!.maxRatio).toBe(Number.POSITIVE_INFINITY);
  });

  it('validates options and volumes', () => {
    expect(detectPeaks([])).toEqual([]);
    expect(() => detectPeaks(dailySeries('2025-01-01', [1]), { window: 0 })).toThrow(PeakCalendarError);
    expect(() => detectPeaks(dailySeries('2025-01-01', [1]), { ratio: -1 })).toThrow(/ratio/);
    expect(() => detectPeaks(dailySeries('2025-01-01', [Number.NaN]))).toThrow(/volume/);
    expect(() => detectPeaks([{ date: '2025-13-01', volume: 1 }])).toThrow(/calendar day/);
  });
});
