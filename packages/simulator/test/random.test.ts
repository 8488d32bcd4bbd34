import { categorical, normaliseSeed, Rng } from '../src/random';

const draw = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.nextUint32());

describe('Rng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(draw(Rng.fromSeed(42), 20)).toEqual(draw(Rng.fromSeed(42), 20));
    expect(draw(Rng.fromSeed(42), 20)).toEqual(draw(Rng.fromSeed('42'), 20));
    expect(draw(Rng.fromSeed(42), 20)).not.toEqual(draw(Rng.fromSeed(43), 20));
  });

  it('derives sub-streams from the key, not from what the parent has consumed', () => {
    const fresh = Rng.fromSeed('s');
    const used = Rng.fromSeed('s');
    draw(used, 1000);
    expect(draw(fresh.derive('customer', 7), 10)).toEqual(draw(used.derive('customer', 7), 10));
    expect(draw(fresh.derive('customer', 7), 10)).not.toEqual(draw(fresh.derive('customer', 8), 10));
    expect(draw(fresh.derive(5), 5)).not.toEqual(draw(fresh.derive('5'), 5));
    expect(draw(fresh.derive('ab'), 5)).not.toEqual(draw(fresh.derive('a', 'b'), 5));
    expect(draw(Rng.fromSeed('s', 'x', 1), 5)).toEqual(draw(fresh.derive('x', 1), 5));
  });

  it('rejects unusable seeds and path numbers', () => {
    expect(() => normaliseSeed('')).toThrow(RangeError);
    expect(() => normaliseSeed(Number.NaN)).toThrow(RangeError);
    expect(() => Rng.fromSeed(1).derive(-1)).toThrow(RangeError);
    expect(() => Rng.fromSeed(1).derive(1.5)).toThrow(RangeError);
  });

  it('produces roughly uniform values in [0, 1) and integers in bounds', () => {
    const rng = Rng.fromSeed('uniform');
    let sum = 0;
    const buckets = new Array<number>(10).fill(0);
    let inRange = true;
    for (let i = 0; i < 50_000; i++) {
      const u = rng.next();
      inRange &&= u >= 0 && u < 1;
      sum += u;
      buckets[Math.floor(u * 10)]!++;
    }
    expect(inRange).toBe(true);
    expect(sum / 50_000).toBeCloseTo(0.5, 2);
    for (const b of buckets) expect(Math.abs(b - 5000)).toBeLessThan(300);
    const ints = new Set(Array.from({ length: 2000 }, () => rng.int(3, 6)));
    expect([...ints].sort()).toEqual([3, 4, 5, 6]);
  });

  it('samples normal, lognormal and poisson with the right moments', () => {
    const rng = Rng.fromSeed('moments');
    const n = 40_000;
    const normals = Array.from({ length: n }, () => rng.normal(10, 2));
    const mean = normals.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(normals.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);

    const logs = Array.from({ length: n }, () => Math.log(rng.lognormal(3, 0.5)));
    expect(logs.reduce((a, b) => a + b, 0) / n).toBeCloseTo(3, 1);

    for (const lambda of [0.3, 4, 75]) {
      const xs = Array.from({ length: 20_000 }, () => rng.poisson(lambda));
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length;
      expect(Math.abs(m - lambda) / lambda).toBeLessThan(0.03);
      expect(Math.abs(v - lambda) / lambda).toBeLessThan(0.08);
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    }
    expect(rng.poisson(0)).toBe(0);
    expect(() => rng.poisson(-1)).toThrow(RangeError);
  });

  it('chooses categories in proportion to their weights', () => {
    const rng = Rng.fromSeed('cat');
    const pick = categorical(['a', 'b', 'c', 'd'], [1, 0, 3, 6]);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < 20_000; i++) counts[pick(rng)]!++;
    expect(counts.b).toBe(0);
    expect(counts.a! / 20_000).toBeCloseTo(0.1, 1);
    expect(counts.c! / 20_000).toBeCloseTo(0.3, 1);
    expect(counts.d! / 20_000).toBeCloseTo(0.6, 1);
    expect(['x', 'y']).toContain(rng.choice(['x', 'y']));
    expect(rng.weighted(['only'], [2])).toBe('only');
    expect(() => categorical(['a'], [0])).toThrow(RangeError);
    expect(() => categorical(['a', 'b'], [1])).toThrow(RangeError);
  });
});
