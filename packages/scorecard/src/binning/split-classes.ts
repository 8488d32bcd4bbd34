import type { RiskDirection } from '../types';
import { chiSquare2x2, ivTerm, type CellCount } from './woe';

export interface SplitOptions {
  /** Smallest bin, in rows. */
  minCount: number;
  maxBins: number;
  /** Stop when the best split adds less information value than this. */
  minIvGain: number;
  /**
   * For shape 'none' only: reject a split whose halves do not differ at least this much
   * (chi-square, 1 d.f.). A declared shape already restrains noise; no shape needs a test.
   */
  minChiSquare: number;
  /** Shape the bin event rates must keep (see RiskDirection). */
  monotone: RiskDirection;
  /** For shape 'status': the first fine class that is late; bins from the one holding it on must rise. */
  lateFrom?: number;
}

/**
 * Top-down supervised binning: starting from one bin over all ordered fine classes, split
 * where the information value gains most, as long as both halves keep the minimum size, hold
 * goods and bads, differ significantly, and the whole sequence stays monotone in event rate.
 * Returns the class indices where bins start (excluding 0).
 */
export function splitClasses(classes: ReadonlyArray<CellCount>, totalBads: number, totalGoods: number, options: SplitOptions): number[] {
  const f = classes.length;
  const prefixBads = new Float64Array(f + 1);
  const prefixGoods = new Float64Array(f + 1);
  classes.forEach((c, i) => {
    prefixBads[i + 1] = (prefixBads[i] as number) + c.bads;
    prefixGoods[i + 1] = (prefixGoods[i] as number) + c.goods;
  });
  const cell = (from: number, to: number): CellCount => ({
    bads: (prefixBads[to] as number) - (prefixBads[from] as number),
    goods: (prefixGoods[to] as number) - (prefixGoods[from] as number),
  });
  const rate = (c: CellCount) => c.bads / (c.bads + c.goods);
  const term = (c: CellCount) => ivTerm(c.bads, c.goods, totalBads, totalGoods);
  const acceptable = (c: CellCount) => c.bads + c.goods >= options.minCount && c.bads > 0 && c.goods > 0;
  // the states of a status code have no shape to restrain noise either
  const unordered = options.monotone === 'none' || options.monotone === 'status';

  const cuts: number[] = [];
  while (cuts.length + 1 < options.maxBins) {
    const bounds = [0, ...cuts, f];
    const rates = [];
    for (let j = 0; j + 1 < bounds.length; j++) rates.push(rate(cell(bounds[j] as number, bounds[j + 1] as number)));
    let best: { at: number; gain: number } | undefined;
    for (let j = 0; j + 1 < bounds.length; j++) {
      const from = bounds[j] as number;
      const to = bounds[j + 1] as number;
      const whole = cell(from, to);
      const wholeTerm = term(whole);
      for (let at = from + 1; at < to; at++) {
        const left = cell(from, at);
        const right = cell(at, to);
        if (!acceptable(left) || !acceptable(right)) continue;
        const gain = term(left) + term(right) - wholeTerm;
        if (best && gain <= best.gain) continue;
        if (unordered && chiSquare2x2(left, right) < options.minChiSquare) continue;
        if (!staysMonotone(bounds, rates, j, at, rate(left), rate(right), options)) continue;
        best = { at, gain };
      }
    }
    if (!best || best.gain < options.minIvGain) break;
    cuts.push(best.at);
    cuts.sort((a, b) => a - b);
  }
  return cuts;
}

function staysMonotone(bounds: number[], rates: number[], replaced: number, at: number, left: number, right: number, options: SplitOptions): boolean {
  const shape = options.monotone;
  if (shape === 'none') return true;
  const sequence = [...rates.slice(0, replaced), left, right, ...rates.slice(replaced + 1)];
  if (shape !== 'status') return hasShape(sequence, shape);
  const ends = [...bounds.slice(1, replaced + 1), at, ...bounds.slice(replaced + 1)];
  const firstLate = ends.findIndex((end) => end > (options.lateFrom ?? Infinity));
  return firstLate < 0 || hasShape(sequence.slice(firstLate), 'increasing');
}

/** Strictly monotone, or strictly down-then-up ('valley') / up-then-down ('peak'); 'status' needs the fine classes (splitClasses). */
export function hasShape(sequence: ReadonlyArray<number>, shape: RiskDirection): boolean {
  if (shape === 'none' || shape === 'status') return true;
  let turned = false;
  for (let i = 1; i < sequence.length; i++) {
    const previous = sequence[i - 1] as number;
    const current = sequence[i] as number;
    if (current === previous) return false;
    const rising = current > previous;
    switch (shape) {
      case 'increasing':
        if (!rising) return false;
        break;
      case 'decreasing':
        if (rising) return false;
        break;
      case 'valley':
        if (rising) turned = true;
        else if (turned) return false;
        break;
      case 'peak':
        if (!rising) turned = true;
        else if (turned) return false;
        break;
    }
  }
  return true;
}
