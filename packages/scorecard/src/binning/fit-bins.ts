import type { FittedBin, FittedBinning } from './bin-types';
import { informationValue, woe } from './woe';

/** Compact number text for bin labels. */
export function formatEdge(value: number): string {
  return Number.parseFloat(value.toPrecision(6)).toString();
}

function numericLabel(edges: number[], i: number): string {
  if (edges.length === 0) return 'all';
  if (i === 0) return `< ${formatEdge(edges[0] as number)}`;
  if (i === edges.length) return `>= ${formatEdge(edges[i - 1] as number)}`;
  return `[${formatEdge(edges[i - 1] as number)}, ${formatEdge(edges[i] as number)})`;
}

export function numericBinIndex(edges: ReadonlyArray<number>, missingBin: number, value: number): number {
  if (Number.isNaN(value)) return missingBin;
  let i = 0;
  while (i < edges.length && value >= (edges[i] as number)) i++;
  return i;
}

function riskiest(bins: ReadonlyArray<{ eventRate: number }>): number {
  let best = 0;
  bins.forEach((b, i) => {
    if (b.eventRate > (bins[best] as { eventRate: number }).eventRate) best = i;
  });
  return best;
}

function finish(bins: Omit<FittedBin, 'woe' | 'share' | 'eventRate'>[], total: number): { bins: FittedBin[]; iv: number } {
  let totalBads = 0;
  for (const b of bins) totalBads += b.bads;
  const totalGoods = total - totalBads;
  const fitted = bins.map((b) => ({
    ...b,
    share: b.count / total,
    eventRate: b.count > 0 ? b.bads / b.count : 0,
    woe: woe(b.bads, b.count - b.bads, totalBads, totalGoods),
  }));
  const iv = informationValue(fitted.map((b) => ({ bads: b.bads, goods: b.count - b.bads })));
  return { bins: fitted, iv };
}

/**
 * Counts rows into the bins that `edges` define. NaN rows get their own bin when there are at
 * least `minMissing` of them; fewer are pooled with the regular bin of the closest event rate,
 * since a WOE estimated on a handful of rows is noise.
 */
export function fitNumericBins(values: Float64Array, labels: Uint8Array, edges: number[], minMissing: number): FittedBinning {
  const k = edges.length + 1;
  const counts = new Float64Array(k);
  const bads = new Float64Array(k);
  let missingCount = 0;
  let missingBads = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const y = labels[i] as number;
    if (Number.isNaN(v)) {
      missingCount++;
      missingBads += y;
      continue;
    }
    const b = numericBinIndex(edges, -1, v);
    counts[b] = (counts[b] as number) + 1;
    bads[b] = (bads[b] as number) + y;
  }
  const raw = Array.from({ length: k }, (_, i) => ({ label: numericLabel(edges, i), count: counts[i] as number, bads: bads[i] as number }));
  let missingBin: number;
  if (missingCount > 0 && missingCount >= minMissing) {
    raw.push({ label: 'missing', count: missingCount, bads: missingBads, missing: true } as (typeof raw)[number]);
    missingBin = k;
  } else if (missingCount > 0) {
    const missingRate = missingBads / missingCount;
    missingBin = 0;
    raw.forEach((b, i) => {
      const closest = raw[missingBin] as (typeof raw)[number];
      if (Math.abs(b.bads / b.count - missingRate) < Math.abs(closest.bads / closest.count - missingRate)) missingBin = i;
    });
    const target = raw[missingBin] as (typeof raw)[number];
    target.count += missingCount;
    target.bads += missingBads;
  } else {
    missingBin = -1;
  }
  const { bins, iv } = finish(raw, values.length);
  if (missingBin < 0) missingBin = riskiest(bins);
  return { kind: 'numeric', edges, bins, missingBin, iv };
}

/** Bins from groups of categories; categories not seen in training go to the riskiest bin. */
export function fitCategoricalBins(values: ReadonlyArray<string>, labels: Uint8Array, groups: string[][]): FittedBinning {
  const binOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((c) => binOf.set(c, i)));
  const counts = new Float64Array(groups.length);
  const bads = new Float64Array(groups.length);
  values.forEach((v, i) => {
    const b = binOf.get(v);
    if (b === undefined) throw new Error(`category ${JSON.stringify(v)} is in no group`);
    counts[b] = (counts[b] as number) + 1;
    bads[b] = (bads[b] as number) + (labels[i] as number);
  });
  const raw = groups.map((g, i) => ({ label: g.join(' | '), categories: [...g], count: counts[i] as number, bads: bads[i] as number }));
  const { bins, iv } = finish(raw, values.length);
  return { kind: 'categorical', bins, otherBin: riskiest(bins), iv };
}
