import { createHash } from 'node:crypto';
import { binCategorical, binNumeric, DEFAULT_BINNING, type BinningOptions } from '../binning/supervised-binning';
import { binByQuantiles, binEachCategory } from '../binning/quantile-binning';
import type { FittedBinning } from '../binning/bin-types';
import { fitIsotonic, fitPlatt, pdOfScore } from '../calibration';
import { modelMetrics } from '../evaluation/model-metrics';
import { fitLogistic } from '../logistic-regression';
import { makeBinLookup } from '../model/bin-lookup';
import {
  MODEL_SCHEMA,
  MODEL_VERSION,
  type ExcludedCharacteristic,
  type ModelCharacteristic,
  type ScorecardModel,
} from '../model/model-schema';
import { basePoints, binPoints, STANDARD_SCALING, type Scaling } from '../scaling';
import type { CharacteristicDef, CharacteristicSet } from '../types';
import { pickLabels, pickRows, type CharacteristicValues } from './characteristic-values';
import { DEFAULT_SELECTION, selectByIvAndCorrelation, type Candidate, type SelectionOptions } from './selection';

export interface FitOptions {
  /** 'scorecard': supervised monotone binning and selection; 'baseline': 10 quantile bins, all kept. */
  method: 'scorecard' | 'baseline';
  binning: BinningOptions;
  selection: SelectionOptions;
  l2: number;
  /** Drop characteristics whose coefficient comes out with the wrong sign, then refit. */
  dropWrongSigns: boolean;
  calibration: 'isotonic' | 'platt';
  scaling: Scaling;
  /** Equal-count training score bands kept for score PSI and the calibration table. */
  scoreBands: number;
}

export const DEFAULT_FIT: FitOptions = {
  method: 'scorecard',
  binning: DEFAULT_BINNING,
  selection: DEFAULT_SELECTION,
  l2: 1,
  dropWrongSigns: true,
  calibration: 'platt',
  scaling: STANDARD_SCALING,
  scoreBands: 10,
};

export interface FitInput<R> {
  set: CharacteristicSet<R>;
  /** Values of every characteristic of `set`, for all rows. */
  values: CharacteristicValues[];
  labels: Uint8Array;
  training: Int32Array;
  /** Held out from fitting; used for the PD calibration and validation metrics. */
  validation: Int32Array;
}

export interface ProvenanceInput {
  dataFile: string;
  dataSha256: string;
  trainedAt: string;
  seed: number;
  totalRows: number;
  skippedRows: number;
}

export type ProgressLog = (message: string) => void;

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
  /** Bin index of every row of the input. */
  binIndex: Int32Array;
  trainingWoe: Float64Array;
}

function scoreBandEdges(scores: Int32Array, bands: number): number[] {
  const sorted = Int32Array.from(scores).sort();
  const edges: number[] = [];
  for (let b = 1; b < bands; b++) {
    const edge = sorted[Math.floor((b * sorted.length) / bands)] as number;
    if (edge > (sorted[0] as number) && (edges.length === 0 || edge > (edges[edges.length - 1] as number))) edges.push(edge);
  }
  return edges;
}

/**
 * The whole fit on given training/validation rows: bin, select, regress, scale, calibrate.
 * Coefficients on "positive = riskier" WOE must come out positive; a characteristic whose
 * coefficient turns negative (collinearity with the others) is dropped and the rest refitted,
 * so every points table reads the way its characteristic's risk runs.
 */
export function fitScorecard<R>(
  input: FitInput<R>,
  options: FitOptions = DEFAULT_FIT,
  provenance?: ProvenanceInput,
  log: ProgressLog = () => {},
): ScorecardModel {
  const { set, values, labels, training, validation } = input;
  if (training.length === 0 || validation.length === 0) throw new Error('need training and validation rows');
  const trainingLabels = pickLabels(labels, training);
  const validationLabels = pickLabels(labels, validation);

  log(`binning ${set.characteristics.length} characteristics on ${training.length} rows (${options.method})`);
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
  let kept: Binned<R>[];
  if (options.method === 'baseline') {
    kept = binned;
  } else {
    const candidates: Candidate[] = binned.map((b) => ({ code: b.def.code, iv: b.binning.iv, woe: b.trainingWoe }));
    const selection = selectByIvAndCorrelation(candidates, options.selection);
    excluded.push(...selection.excluded);
    const selectedCodes = new Set(selection.selected.map((c) => c.code));
    kept = binned.filter((b) => selectedCodes.has(b.def.code));
  }
  log(`selected ${kept.length} characteristics: ${kept.map((b) => b.def.code).join(', ')}`);

  let fit = fitLogistic(kept.map((b) => b.trainingWoe), trainingLabels, { l2: options.l2 });
  while (options.method === 'scorecard' && options.dropWrongSigns) {
    let worst = -1;
    fit.coefficients.forEach((c, j) => {
      if (c <= 0 && (worst < 0 || c < (fit.coefficients[worst] as number))) worst = j;
    });
    if (worst < 0) break;
    const dropped = kept[worst] as Binned<R>;
    excluded.push({
      code: dropped.def.code,
      iv: dropped.binning.iv,
      reason: `coefficient ${(fit.coefficients[worst] as number).toFixed(4)} reverses its WOE next to the others`,
    });
    log(`dropping ${dropped.def.code}: coefficient has the wrong sign`);
    kept = kept.filter((_, j) => j !== worst);
    fit = fitLogistic(kept.map((b) => b.trainingWoe), trainingLabels, { l2: options.l2 });
  }
  log(`logistic regression converged in ${fit.iterations} iterations`);

  const scaling = options.scaling;
  const base = basePoints(scaling, fit.intercept);
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
    return b.binning.kind === 'numeric'
      ? { ...common, kind: 'numeric', direction: b.def.kind === 'numeric' ? b.def.direction : 'none', edges: b.binning.edges, missingBin: b.binning.missingBin }
      : { ...common, kind: 'categorical', otherBin: b.binning.otherBin };
  });

  const scores = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let score = base;
    kept.forEach((b, j) => (score += ((characteristics[j] as ModelCharacteristic).bins[b.binIndex[i] as number] as { points: number }).points));
    scores[i] = score;
  }
  const trainingScores = Int32Array.from(training, (row) => scores[row] as number);
  const validationScores = Int32Array.from(validation, (row) => scores[row] as number);

  log(`calibrating PD (${options.calibration}) on ${validation.length} validation rows`);
  const calibration = options.calibration === 'isotonic' ? fitIsotonic(validationScores, validationLabels) : fitPlatt(validationScores, validationLabels);
  const trainingPd = Float64Array.from(trainingScores, (s) => pdOfScore(calibration, s));
  const validationPd = Float64Array.from(validationScores, (s) => pdOfScore(calibration, s));
  const trainingMetrics = modelMetrics(trainingScores, trainingPd, trainingLabels);
  const validationMetrics = modelMetrics(validationScores, validationPd, validationLabels);

  const edges = scoreBandEdges(trainingScores, options.scoreBands);
  const bandCounts = new Array<number>(edges.length + 1).fill(0);
  for (const s of trainingScores) {
    let band = 0;
    while (band < edges.length && s >= (edges[band] as number)) band++;
    bandCounts[band]++;
  }

  const scoringParts = { characteristicSet: set.id, scaling: { ...scaling, basePoints: base }, intercept: fit.intercept, characteristics, calibration };
  const modelId = `${set.id}:${createHash('sha256').update(JSON.stringify(scoringParts)).digest('hex').slice(0, 16)}`;
  const p = provenance ?? { dataFile: 'unknown', dataSha256: '0'.repeat(64), trainedAt: new Date().toISOString(), seed: 0, totalRows: labels.length, skippedRows: 0 };
  return {
    schema: MODEL_SCHEMA,
    version: MODEL_VERSION,
    modelId,
    ...scoringParts,
    trainingDistribution: { n: training.length, scoreBandEdges: edges, scoreBandShares: bandCounts.map((c) => c / training.length) },
    metrics: { training: trainingMetrics, validation: validationMetrics },
    excluded,
    trainingOptions: { ...options, scaling: undefined } as Record<string, unknown>,
    provenance: {
      dataFile: p.dataFile,
      dataSha256: p.dataSha256,
      trainedAt: p.trainedAt,
      seed: p.seed,
      rows: { total: p.totalRows, skipped: p.skippedRows, training: training.length, validation: validation.length },
      trainingMetrics,
      validationMetrics,
    },
  };
}
