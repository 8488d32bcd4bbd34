import { binCategorical, binNumeric } from '../binning/supervised-binning';
import { binByQuantiles, binEachCategory } from '../binning/quantile-binning';
import type { FittedBinning } from '../binning/bin-types';
import { fitLogistic } from '../logistic-regression';
import { makeBinLookup } from '../model/bin-lookup';
import type { ExcludedCharacteristic, ModelCharacteristic, ModelSegment } from '../model/model-schema';
import { basePoints, binPoints } from '../scaling';
import type { CharacteristicDef, CharacteristicSet, Descriptions } from '../types';
import { pickLabels, pickRows, type CharacteristicValues } from './characteristic-values';
import type { FitOptions, ProgressLog } from './fit-options';
import { selectByIvAndCorrelation } from './selection';

function bin<R>(def: CharacteristicDef<R>, values: CharacteristicValues, labels: Uint8Array, options: FitOptions): FittedBinning {
  if (options.method === 'baseline') {
    return def.kind === 'numeric' ? binByQuantiles(values as Float64Array, labels, 10) : binEachCategory(values as string[], labels);
  }
  return def.kind === 'numeric'
    ? binNumeric(values as Float64Array, labels, def.direction, options.binning)
    : binCategorical(values as string[], labels, options.binning);
}

interface Binned<R> {
  def: CharacteristicDef<R>;
  binning: FittedBinning;
  /** Bin index of every row of the input, not only this segment's. */
  binIndex: Int32Array;
  trainingWoe: Float64Array;
}

export interface FittedSegment {
  segment: ModelSegment;
  /** Points of row i (any row of the input) under this segment's scorecard. */
  pointsOf(row: number): number;
}

/**
 * One scorecard on one segment's training rows: bin, select, regress, scale. Coefficients on
 * "positive = riskier" WOE must come out positive; a characteristic whose coefficient turns
 * negative (collinearity with the others) is dropped and the rest refitted, so every points
 * table runs the way its characteristic's evidence does. So is one whose points barely move
 * (its evidence is already carried by others): it would only clutter the scorecard.
 */
export function fitSegment<R>(
  set: CharacteristicSet<R>,
  values: CharacteristicValues[],
  labels: Uint8Array,
  training: Int32Array,
  index: number,
  name: Descriptions,
  options: FitOptions,
  log: ProgressLog,
): FittedSegment {
  const trainingLabels = pickLabels(labels, training);
  const bads = trainingLabels.reduce((a, b) => a + b, 0);
  if (bads === 0 || bads === training.length) {
    throw new Error(`segment "${name.en}" has ${training.length} training rows and ${bads} bads: it needs both goods and bads`);
  }
  log(`segment "${name.en}": binning ${set.characteristics.length} characteristics on ${training.length} rows (${options.method})`);
  const binned: Binned<R>[] = set.characteristics.map((def, j) => {
    const column = values[j] as CharacteristicValues;
    const binning = bin(def, pickRows(column, training), trainingLabels, options);
    const lookup = makeBinLookup(binning);
    const binIndex = Int32Array.from({ length: column.length }, (_, i) => lookup(column[i] as number | string));
    const woes = binning.bins.map((b) => b.woe);
    const trainingWoe = Float64Array.from(training, (row) => woes[binIndex[row] as number] as number);
    return { def, binning, binIndex, trainingWoe };
  });

  const excluded: ExcludedCharacteristic[] = [];
  let kept = binned;
  if (options.method === 'scorecard') {
    const selection = selectByIvAndCorrelation(
      binned.map((b) => ({ code: b.def.code, iv: b.binning.iv, woe: b.trainingWoe })),
      options.selection,
    );
    excluded.push(...selection.excluded);
    const selected = new Set(selection.selected.map((c) => c.code));
    kept = binned.filter((b) => selected.has(b.def.code));
  }
  log(`segment "${name.en}": ${kept.length} characteristics pass IV and correlation checks`);

  let fit = fitLogistic(kept.map((b) => b.trainingWoe), trainingLabels, { l2: options.l2 });
  const scaling = options.scaling;
  const span = (b: Binned<R>, coefficient: number) => {
    const points = b.binning.bins.map((bin) => binPoints(scaling, coefficient, bin.woe));
    return Math.max(...points) - Math.min(...points);
  };
  while (options.method === 'scorecard') {
    // Wrong signs first (the most negative), then the characteristic that moves the score least.
    let drop = -1;
    let reason = '';
    if (options.dropWrongSigns) {
      fit.coefficients.forEach((c, j) => {
        if (c <= 0 && (drop < 0 || c < (fit.coefficients[drop] as number))) drop = j;
      });
      if (drop >= 0) reason = `coefficient ${(fit.coefficients[drop] as number).toFixed(4)} reverses its WOE next to the others`;
    }
    if (drop < 0) {
      let narrowest = options.minPointsSpan;
      kept.forEach((b, j) => {
        const s = span(b, fit.coefficients[j] as number);
        if (s < narrowest) {
          narrowest = s;
          drop = j;
        }
      });
      if (drop >= 0) reason = `its points span only ${narrowest} next to the others`;
    }
    if (drop < 0) break;
    const dropped = kept[drop] as Binned<R>;
    excluded.push({ code: dropped.def.code, iv: dropped.binning.iv, reason });
    kept = kept.filter((_, j) => j !== drop);
    fit = fitLogistic(kept.map((b) => b.trainingWoe), trainingLabels, { l2: options.l2 });
  }
  log(`segment "${name.en}": logistic regression on ${kept.length} WOE columns converged in ${fit.iterations} iterations`);

  const characteristics: ModelCharacteristic[] = kept.map((b, j) => {
    const coefficient = fit.coefficients[j] as number;
    const bins = b.binning.bins.map((bin) => ({
      label: bin.label,
      ...(bin.categories ? { categories: bin.categories } : {}),
      ...(bin.missing ? { missing: true } : {}),
      count: bin.count,
      share: bin.share,
      eventRate: bin.eventRate,
      woe: bin.woe,
      points: binPoints(scaling, coefficient, bin.woe),
    }));
    const common = { code: b.def.code, description: b.def.description, iv: b.binning.iv, coefficient, bins };
    if (b.binning.kind === 'numeric') {
      const direction = b.def.kind === 'numeric' ? b.def.direction : 'none';
      return { ...common, kind: 'numeric', direction, edges: b.binning.edges, missingBin: b.binning.missingBin };
    }
    return { ...common, kind: 'categorical', otherBin: b.binning.otherBin };
  });
  const base = basePoints(scaling, fit.intercept);
  const pointTables = characteristics.map((c) => c.bins.map((b) => b.points));
  return {
    segment: { name, index, intercept: fit.intercept, basePoints: base, characteristics, excluded, trainingRows: training.length },
    pointsOf: (row) => {
      let score = base;
      kept.forEach((b, j) => (score += (pointTables[j] as number[])[b.binIndex[row] as number] as number));
      return score;
    },
  };
}
