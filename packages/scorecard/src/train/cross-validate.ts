import { modelMetrics } from '../evaluation/model-metrics';
import { compileScorecard } from '../model/compile';
import type { ModelMetrics, ScorecardModel } from '../model/model-schema';
import type { CharacteristicSet } from '../types';
import type { CharacteristicValues } from './characteristic-values';
import { DEFAULT_FIT, type FitOptions } from './fit-options';
import { fitScorecard, segmentOf } from './fit-scorecard';
import { stratifiedFolds, stratifiedSplit } from './split';

/** Scores rows from precomputed characteristic values (no records needed). */
export function scoreFromValues<R>(model: ScorecardModel, set: CharacteristicSet<R>, values: CharacteristicValues[], rows: ArrayLike<number>) {
  const compiled = compileScorecard(model, set);
  const columnOf = (code: string) => values[set.characteristics.findIndex((d) => d.code === code)] as CharacteristicValues;
  const segmentColumn = model.segmentation ? (columnOf(model.segmentation.code) as Float64Array) : undefined;
  const segments = compiled.segments.map((s) => ({ s, columns: s.characteristics.map((c) => columnOf(c.spec.code)) }));
  const score = new Int32Array(rows.length);
  const pd = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k] as number;
    const index = segmentColumn ? segmentOf(model.segmentation?.cuts ?? [], segmentColumn[row] as number) : 0;
    const { s, columns } = segments[index] as (typeof segments)[number];
    let total = s.spec.basePoints;
    s.characteristics.forEach((c, j) => (total += c.points[c.lookup((columns[j] as CharacteristicValues)[row] as number | string)] as number));
    score[k] = total;
    pd[k] = compiled.pdByScore[total - compiled.minScore] as number;
  }
  return { score, pd };
}

export interface CrossValidation {
  folds: ModelMetrics[];
  mean: Omit<ModelMetrics, 'n'>;
  sd: Omit<ModelMetrics, 'n'>;
  characteristicsPerFold: number[];
}

const KEYS = ['auc', 'ks', 'gini', 'brier', 'ece'] as const;

export function summarise(folds: ModelMetrics[]): Pick<CrossValidation, 'mean' | 'sd'> {
  const mean = {} as Omit<ModelMetrics, 'n'>;
  const sd = {} as Omit<ModelMetrics, 'n'>;
  for (const key of KEYS) {
    const xs = folds.map((f) => f[key]);
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    mean[key] = m;
    sd[key] = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
  }
  return { mean, sd };
}

/**
 * k-fold cross-validation of the full pipeline: each fold's training rows are split again
 * into fitting and calibration rows exactly as `train` does, and the model is judged on the
 * fold it never saw.
 */
export function crossValidate<R>(
  set: CharacteristicSet<R>,
  values: CharacteristicValues[],
  labels: Uint8Array,
  options: { folds?: number; seed?: number; validationShare?: number; fit?: FitOptions; onFold?: (fold: number, metrics: ModelMetrics) => void } = {},
): CrossValidation {
  const k = options.folds ?? 5;
  const seed = options.seed ?? 1;
  const results: ModelMetrics[] = [];
  const characteristicsPerFold: number[] = [];
  stratifiedFolds(labels, k, seed).forEach((fold, f) => {
    const foldLabels = Uint8Array.from(fold.training, (row) => labels[row] as number);
    const inner = stratifiedSplit(foldLabels, options.validationShare ?? 0.2, seed + f + 1);
    const model = fitScorecard(
      {
        set,
        values,
        labels,
        training: Int32Array.from(inner.training, (i) => fold.training[i] as number),
        validation: Int32Array.from(inner.validation, (i) => fold.training[i] as number),
      },
      options.fit ?? DEFAULT_FIT,
    );
    const { score, pd } = scoreFromValues(model, set, values, fold.validation);
    const metrics = modelMetrics(score, pd, Uint8Array.from(fold.validation, (row) => labels[row] as number));
    results.push(metrics);
    characteristicsPerFold.push(model.segments.reduce((a, seg) => a + seg.characteristics.length, 0));
    options.onFold?.(f, metrics);
  });
  return { folds: results, ...summarise(results), characteristicsPerFold };
}
