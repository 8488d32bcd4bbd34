import type { FittedBinning } from './bin-types';
import { fitCategoricalBins, fitNumericBins } from './fit-bins';
import { niceCut } from './nice-cut';
import { splitClasses, type SplitOptions } from './split-classes';
import { LATE_STATUS, type RiskDirection } from '../types';

export interface BinningOptions {
  /** Smallest bin as a share of the training rows. */
  minBinShare: number;
  maxBins: number;
  /** Number of quantile fine classes for many-valued characteristics. */
  fineClasses: number;
  minIvGain: number;
  minChiSquare: number;
}

export const DEFAULT_BINNING: BinningOptions = {
  minBinShare: 0.05,
  maxBins: 8,
  fineClasses: 50,
  minIvGain: 0.001,
  minChiSquare: 3.84,
};

interface FineClass {
  lo: number;
  hi: number;
  bads: number;
  goods: number;
}

/** Ordered fine classes: every distinct value when there are few, else about equal-count groups. */
function fineClasses(values: Float64Array, labels: Uint8Array, target: number): FineClass[] {
  const order: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) order.push(i);
  order.sort((a, b) => (values[a] as number) - (values[b] as number));
  const size = Math.max(1, Math.ceil(order.length / target));
  const classes: FineClass[] = [];
  let current: FineClass | undefined;
  let inCurrent = 0;
  for (const i of order) {
    const v = values[i] as number;
    // Equal values never straddle classes, otherwise an edge could not separate them.
    if (!current || (inCurrent >= size && v !== current.hi)) {
      current = { lo: v, hi: v, bads: 0, goods: 0 };
      classes.push(current);
      inCurrent = 0;
    }
    current.hi = v;
    inCurrent++;
    if (labels[i]) current.bads++;
    else current.goods++;
  }
  return classes;
}

export function binNumeric(values: Float64Array, labels: Uint8Array, direction: RiskDirection, options: BinningOptions): FittedBinning {
  const minCount = Math.ceil(options.minBinShare * values.length);
  const classes = fineClasses(values, labels, options.fineClasses);
  let totalBads = 0;
  let totalGoods = 0;
  for (const c of classes) {
    totalBads += c.bads;
    totalGoods += c.goods;
  }
  const lateFrom = direction === 'status' ? classes.findIndex((c) => c.lo >= LATE_STATUS) : -1;
  const splitOptions: SplitOptions = { ...options, minCount, monotone: direction, ...(lateFrom >= 0 ? { lateFrom } : {}) };
  const cuts = totalBads > 0 && totalGoods > 0 ? splitClasses(classes, totalBads, totalGoods, splitOptions) : [];
  const edges = cuts.map((at) => niceCut((classes[at - 1] as FineClass).hi, (classes[at] as FineClass).lo));
  return fitNumericBins(values, labels, edges, minCount);
}

/**
 * Categories have no order of their own, so they are ordered by (shrunk) event rate and then
 * split like an ordinal; rare categories thereby join neighbours of similar risk.
 */
export function binCategorical(values: ReadonlyArray<string>, labels: Uint8Array, options: BinningOptions): FittedBinning {
  const stats = new Map<string, { bads: number; goods: number }>();
  let totalBads = 0;
  values.forEach((v, i) => {
    const s = stats.get(v) ?? { bads: 0, goods: 0 };
    if (labels[i]) s.bads++;
    else s.goods++;
    stats.set(v, s);
    totalBads += labels[i] as number;
  });
  const totalGoods = values.length - totalBads;
  const prior = totalBads / Math.max(1, values.length);
  const shrink = 20;
  const rate = (s: { bads: number; goods: number }) => (s.bads + shrink * prior) / (s.bads + s.goods + shrink);
  const ordered = [...stats.entries()].sort((a, b) => rate(a[1]) - rate(b[1]) || (a[0] < b[0] ? -1 : 1));
  const classes = ordered.map(([, s]) => s);
  const minCount = Math.ceil(options.minBinShare * values.length);
  // Ordered by event rate, any grouping is monotone: treated as shaped, without the chi-square test.
  const cuts =
    totalBads > 0 && totalGoods > 0 ? splitClasses(classes, totalBads, totalGoods, { ...options, minCount, monotone: 'increasing' }) : [];
  const bounds = [0, ...cuts, ordered.length];
  const groups: string[][] = [];
  for (let j = 0; j + 1 < bounds.length; j++) {
    groups.push(ordered.slice(bounds[j], bounds[j + 1]).map(([c]) => c).sort());
  }
  return fitCategoricalBins(values, labels, groups);
}
