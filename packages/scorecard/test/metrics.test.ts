import { auc, aucOfCounts, brier, calibrationTable, ece, gini, ks, ksOfCounts, psi, reliabilityBins, riskCounts } from '../src/evaluation/metrics';
import { fitIsotonic, fitPlatt, pdOfScore } from '../src/calibration';

describe('discrimination', () => {
  const risk = [0.1, 0.4, 0.35, 0.8];
  const labels = [0, 0, 1, 1];

  it('AUC counts correctly ordered pairs, ties as half', () => {
    // bads 0.35 and 0.8 against goods 0.1 and 0.4: 3 of 4 pairs in order.
    expect(auc(risk, labels)).toBeCloseTo(0.75, 12);
    expect(gini(risk, labels)).toBeCloseTo(0.5, 12);
    expect(auc([0.5, 0.5], [0, 1])).toBeCloseTo(0.5, 12);
    expect(auc([0.2, 0.5, 0.5, 0.9], [0, 0, 1, 1])).toBeCloseTo((1 + 1 + 0.5 + 1) / 4, 12);
  });

  it('KS is the largest gap of the cumulative shares, only between distinct values', () => {
    // ascending: 0.1 (good) -> gap 0.5; 0.35 (bad) -> 0; 0.4 (good) -> 0.5; 0.8 (bad) -> 0.
    expect(ks(risk, labels)).toBeCloseTo(0.5, 12);
    // all tied: no threshold separates anything.
    expect(ks([1, 1, 1, 1], labels)).toBe(0);
  });

  it('counts per prediction give the same AUC and KS as the predictions, in any order and split', () => {
    // coarse scores, so most values are tied between events and non-events
    const n = 2_000;
    const scores = Array.from({ length: n }, (_, i) => (i * 7919) % 37);
    const bads = scores.map((s, i) => ((i * 104729) % 100 < 20 + s ? 1 : 0));
    const counts = riskCounts(scores, bads);
    expect(counts.map((c) => c.risk)).toEqual([...new Set(scores)].sort((a, b) => a - b));
    expect(counts.reduce((sum, c) => sum + c.events + c.nonEvents, 0)).toBe(n);
    // each value split in two rows, shuffled: what a grouped query might return
    const split = counts.flatMap((c) => [
      { risk: c.risk, events: c.events >> 1, nonEvents: c.nonEvents },
      { risk: c.risk, events: c.events - (c.events >> 1), nonEvents: 0 },
    ]).reverse();
    expect(aucOfCounts(split)).toBe(auc(scores, bads));
    expect(ksOfCounts(split)).toBe(ks(scores, bads));
    expect(auc(scores, bads)).toBeGreaterThan(0.5);
    expect(aucOfCounts([{ risk: 1, events: 3, nonEvents: 0 }])).toBeNaN();
    expect(ksOfCounts([])).toBeNaN();
    // a prediction that is not a number still ends the count (NaN equals nothing, itself included)
    expect(riskCounts([NaN, 0.5], [1, 0]).reduce((sum, c) => sum + c.events + c.nonEvents, 0)).toBe(2);
  });
});

describe('calibration measures', () => {
  it('Brier is the mean squared error', () => {
    expect(brier([0.2, 0.7], [0, 1])).toBeCloseTo((0.04 + 0.09) / 2, 12);
  });

  it('ECE weighs |event rate - mean PD| over equal-frequency bins', () => {
    // 2 bins: {0.1, 0.2} with no events (gap 0.15) and {0.8, 0.9} all events (gap 0.15).
    expect(ece([0.9, 0.1, 0.8, 0.2], [1, 0, 1, 0], 2)).toBeCloseTo(0.15, 12);
    expect(reliabilityBins([0.9, 0.1, 0.8, 0.2], [1, 0, 1, 0], 2)).toEqual([
      { n: 2, meanPd: expect.closeTo(0.15, 12), eventRate: 0 },
      { n: 2, meanPd: expect.closeTo(0.85, 12), eventRate: 1 },
    ]);
    expect(ece([0.5, 0.5], [0, 1], 1)).toBe(0);
  });

  it('builds a calibration table by score band', () => {
    const table = calibrationTable([500, 550, 610, 650], [0.5, 0.3, 0.1, 0.05], [1, 0, 0, 0], [540, 600]);
    expect(table.map((r) => [r.band, r.n, r.bads])).toEqual([
      ['< 540', 1, 1],
      ['[540, 600)', 1, 0],
      ['>= 600', 2, 0],
    ]);
    expect(table[2]?.meanPd).toBeCloseTo(0.075, 12);
  });
});

describe('population stability', () => {
  it('computes PSI = sum (a - e) ln(a / e)', () => {
    // (0.25 - 0.5) ln 0.5 + (0.75 - 0.5) ln 1.5
    expect(psi([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.25 * Math.log(2) + 0.25 * Math.log(1.5), 12);
    expect(psi([0.3, 0.7], [0.3, 0.7])).toBe(0);
    expect(Number.isFinite(psi([0.5, 0.5], [0, 1]))).toBe(true);
  });
});

describe('PD calibration', () => {
  it('isotonic PD never rises with the score and interpolates between knots', () => {
    const scores = [500, 500, 520, 540, 560, 580, 600, 600];
    const labels = [1, 1, 0, 1, 0, 0, 0, 1];
    const cal = fitIsotonic(scores, labels);
    if (cal.method !== 'isotonic') throw new Error('expected isotonic');
    cal.pds.forEach((p, i) => i > 0 && expect(p).toBeLessThanOrEqual(cal.pds[i - 1] as number));
    expect(pdOfScore(cal, 400)).toBe(cal.pds[0]);
    const mid = (cal.scores[0] as number + (cal.scores[1] as number)) / 2;
    expect(pdOfScore(cal, mid)).toBeCloseTo(((cal.pds[0] as number) + (cal.pds[1] as number)) / 2, 12);
  });

  it('Platt PD falls as the score rises', () => {
    const scores = Array.from({ length: 200 }, (_, i) => 450 + i);
    const labels = Uint8Array.from(scores, (s, i) => (s < 520 || i % 7 === 0 ? 1 : 0));
    const cal = fitPlatt(scores, labels);
    expect(pdOfScore(cal, 460)).toBeGreaterThan(pdOfScore(cal, 640));
  });
});
