import { binCategorical, binNumeric, DEFAULT_BINNING } from '../src/binning/supervised-binning';
import { binByQuantiles } from '../src/binning/quantile-binning';
import { niceCut } from '../src/binning/nice-cut';
import { hasShape } from '../src/binning/split-classes';
import { makeBinLookup } from '../src/model/bin-lookup';
import { seededRandom } from '../src/train/split';

/** x uniform on [0, 100); P(bad) = risk(x). */
function sample(n: number, risk: (x: number) => number, seed = 1) {
  const random = seededRandom(seed);
  const values = new Float64Array(n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    values[i] = Math.floor(random() * 1000) / 10;
    labels[i] = random() < risk(values[i] as number) ? 1 : 0;
  }
  return { values, labels };
}

const rates = (bins: Array<{ eventRate: number; missing?: boolean }>) => bins.filter((b) => !b.missing).map((b) => b.eventRate);

describe('supervised numeric binning', () => {
  const { values, labels } = sample(5000, (x) => 0.05 + 0.4 * (x / 100) ** 2);

  it('finds increasing bins with sorted edges, each at least the minimum share', () => {
    const binning = binNumeric(values, labels, 'increasing', DEFAULT_BINNING);
    if (binning.kind !== 'numeric') throw new Error('expected numeric');
    expect(binning.bins.length).toBeGreaterThanOrEqual(3);
    expect(binning.bins.length).toBeLessThanOrEqual(DEFAULT_BINNING.maxBins);
    binning.edges.forEach((e, i) => i > 0 && expect(e).toBeGreaterThan(binning.edges[i - 1] as number));
    expect(hasShape(rates(binning.bins), 'increasing')).toBe(true);
    for (const b of binning.bins) expect(b.share).toBeGreaterThanOrEqual(DEFAULT_BINNING.minBinShare - 1e-12);
    expect(binning.iv).toBeGreaterThan(0.1);
  });

  it('keeps a single bin when the declared direction contradicts the data', () => {
    const binning = binNumeric(values, labels, 'decreasing', DEFAULT_BINNING);
    expect(binning.bins).toHaveLength(1);
    expect(binning.iv).toBe(0);
  });

  it('fits a valley where risk falls and then rises', () => {
    const u = sample(8000, (x) => 0.05 + 0.5 * ((x - 50) / 50) ** 2, 2);
    const binning = binNumeric(u.values, u.labels, 'valley', DEFAULT_BINNING);
    const r = rates(binning.bins);
    expect(hasShape(r, 'valley')).toBe(true);
    expect(hasShape(r, 'increasing') || hasShape(r, 'decreasing')).toBe(false);
  });

  describe('a delinquency status code', () => {
    // states -2 (no use), -1 (paid in full), 0 (revolving) unordered; 3 months late less risky than 2 in the sample
    const badRate: Record<number, number> = { [-2]: 0.3, [-1]: 0.08, 0: 0.15, 1: 0.45, 2: 0.7, 3: 0.55, 4: 0.8 };
    const codes = Object.keys(badRate).map(Number);
    const random = seededRandom(3);
    const n = 14_000;
    const values = Float64Array.from({ length: n }, (_, i) => codes[i % codes.length] as number);
    const labels = Uint8Array.from(values, (v) => (random() < (badRate[v] as number) ? 1 : 0));
    const lateRates = (binning: ReturnType<typeof binNumeric>) => {
      if (binning.kind !== 'numeric') throw new Error('expected numeric');
      // bins from the one holding status 1 on
      const first = binning.edges.filter((e) => e <= 1).length;
      return rates(binning.bins).slice(first);
    };

    it('keeps risk rising over the months late while the states below stay unordered', () => {
      const binning = binNumeric(values, labels, 'status', DEFAULT_BINNING);
      if (binning.kind !== 'numeric') throw new Error('expected numeric');
      expect(hasShape(lateRates(binning), 'increasing')).toBe(true);
      // no use is riskier than paid in full: a split the states keep although it runs against the late order
      expect(binning.edges).toContain(-1);
      expect(binning.edges[0]).toBeLessThan(1);
    });

    it('would follow the inversion without the shape', () => {
      expect(hasShape(lateRates(binNumeric(values, labels, 'none', DEFAULT_BINNING)), 'increasing')).toBe(false);
    });
  });

  it('gives enough missing values their own bin and pools a few', () => {
    const withMissing = Float64Array.from(values, (v, i) => (i % 10 === 0 ? NaN : v));
    const own = binNumeric(withMissing, labels, 'increasing', DEFAULT_BINNING);
    if (own.kind !== 'numeric') throw new Error('expected numeric');
    expect(own.bins[own.missingBin]?.missing).toBe(true);
    expect(own.missingBin).toBe(own.bins.length - 1);

    const few = Float64Array.from(values, (v, i) => (i % 100 === 0 ? NaN : v));
    const pooled = binNumeric(few, labels, 'increasing', DEFAULT_BINNING);
    if (pooled.kind !== 'numeric') throw new Error('expected numeric');
    expect(pooled.bins.some((b) => b.missing)).toBe(false);
    expect(makeBinLookup(pooled)(NaN)).toBe(pooled.missingBin);
  });

  it('cuts a plain baseline at quantiles without any shape', () => {
    const binning = binByQuantiles(values, labels, 10);
    expect(binning.bins).toHaveLength(10);
    for (const b of binning.bins) expect(b.share).toBeCloseTo(0.1, 1);
  });
});

describe('supervised categorical binning', () => {
  it('groups categories by risk, merges rare ones and sends unseen ones to the riskiest bin', () => {
    const values: string[] = [];
    const labels: number[] = [];
    const add = (category: string, n: number, bads: number) => {
      for (let i = 0; i < n; i++) {
        values.push(category);
        labels.push(i < bads ? 1 : 0);
      }
    };
    add('low', 400, 20);
    add('low-too', 300, 18);
    add('mid', 300, 60);
    add('high', 300, 150);
    add('rare', 10, 5);
    const binning = binCategorical(values, Uint8Array.from(labels), DEFAULT_BINNING);
    if (binning.kind !== 'categorical') throw new Error('expected categorical');
    const binOf = makeBinLookup(binning);
    expect(binOf('low')).toBe(binOf('low-too'));
    expect(binOf('high')).not.toBe(binOf('low'));
    const rareBin = binning.bins[binOf('rare')];
    expect(rareBin?.categories?.length).toBeGreaterThan(1);
    expect(binOf('never-seen')).toBe(binning.otherBin);
    expect(binning.bins[binning.otherBin]?.eventRate).toBe(Math.max(...binning.bins.map((b) => b.eventRate)));
  });
});

describe('niceCut', () => {
  it('picks the roundest edge between two observed values', () => {
    expect(niceCut(0.3012, 0.3105)).toBe(0.31);
    expect(niceCut(999, 1000)).toBe(1000);
    expect(niceCut(-2, -1)).toBe(-1);
    expect(niceCut(0, 1)).toBe(1);
    expect(niceCut(123456, 130001)).toBe(130000);
  });
});

describe('hasShape', () => {
  it('checks monotone, valley and peak sequences', () => {
    expect(hasShape([1, 2, 3], 'increasing')).toBe(true);
    expect(hasShape([1, 2, 2], 'increasing')).toBe(false);
    expect(hasShape([3, 1, 2], 'valley')).toBe(true);
    expect(hasShape([3, 1, 2, 1], 'valley')).toBe(false);
    expect(hasShape([1, 3, 2], 'peak')).toBe(true);
    expect(hasShape([1, 5, 2, 9], 'none')).toBe(true);
  });
});
