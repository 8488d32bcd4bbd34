import type { FittedBinning } from './bin-types';
import { fitCategoricalBins, fitNumericBins } from './fit-bins';
import { niceCut } from './nice-cut';

/**
 * The plain baseline binning: cut at (up to) `quantiles` equal-count points, no merging, no
 * monotone constraint; each category its own bin. Benchmarks set the engine beside it.
 */
export function binByQuantiles(values: Float64Array, labels: Uint8Array, quantiles: number): FittedBinning {
  const sorted = Array.from(values).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const edges: number[] = [];
  for (let q = 1; q < quantiles; q++) {
    const at = Math.floor((q * sorted.length) / quantiles);
    const hi = sorted[at];
    if (hi === undefined) continue;
    let lowerIndex = at - 1;
    while (lowerIndex >= 0 && sorted[lowerIndex] === hi) lowerIndex--;
    if (lowerIndex < 0) continue;
    const edge = niceCut(sorted[lowerIndex] as number, hi);
    if (edges.length === 0 || edge > (edges[edges.length - 1] as number)) edges.push(edge);
  }
  return fitNumericBins(values, labels, edges, 1);
}

export function binEachCategory(values: ReadonlyArray<string>, labels: Uint8Array): FittedBinning {
  const categories = [...new Set(values)].sort();
  return fitCategoricalBins(values, labels, categories.map((c) => [c]));
}
