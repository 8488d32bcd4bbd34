import { createHash } from 'node:crypto';
import { fitIsotonic, fitPlatt, pdOfScore } from '../calibration';
import { bandOf } from '../evaluation/metrics';
import { modelMetrics } from '../evaluation/model-metrics';
import { MODEL_SCHEMA, MODEL_VERSION, type ModelSegmentation, type ScorecardModel } from '../model/model-schema';
import type { CharacteristicSet, Segmentation } from '../types';
import { pickLabels, type CharacteristicValues } from './characteristic-values';
import { DEFAULT_FIT, type FitOptions, type ProgressLog } from './fit-options';
import { fitSegment, type FittedSegment } from './fit-segment';
import { crossFittedCalibration } from './held-out-calibration';

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

/** The data cannot give a model: too few rows, or only one outcome, to fit or calibrate on. */
export class TrainingDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingDataError';
  }
}

/** WOE, the regression and the calibration all compare defaults with non-defaults: both must be there. */
function requireBothOutcomes(labels: Uint8Array, rows: Int32Array, part: string): void {
  let defaults = 0;
  for (const row of rows) defaults += labels[row] as number;
  if (defaults === 0 || defaults === rows.length) {
    throw new TrainingDataError(
      `the ${part} rows need both defaults and non-defaults, got ${rows.length} row(s) with ${defaults} default(s) from ${labels.length} usable row(s)`,
    );
  }
}

/** Segment of a value: NaN and values below the first cut fall in segment 0. */
export function segmentOf(cuts: ReadonlyArray<number>, value: number): number {
  return Number.isNaN(value) ? 0 : bandOf(cuts, value);
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

function describeSegmentation<R>(set: CharacteristicSet<R>, segmentation: Segmentation): ModelSegmentation {
  const def = set.characteristics.find((d) => d.code === segmentation.code);
  if (!def || def.kind !== 'numeric') throw new Error(`segmentation characteristic ${segmentation.code} must be a numeric characteristic of ${set.id}`);
  return { ...segmentation, description: def.description };
}

/**
 * The whole fit on given training/validation rows: a scorecard per segment on the training
 * rows, then one score-to-PD calibration on the validation rows (all segments' scores share
 * one log-odds scale, so one calibration serves them all).
 */
export function fitScorecard<R>(
  input: FitInput<R>,
  options: FitOptions = DEFAULT_FIT,
  provenance?: ProvenanceInput,
  log: ProgressLog = () => {},
): ScorecardModel {
  const { set, values, labels, training, validation } = input;
  requireBothOutcomes(labels, training, 'training');
  requireBothOutcomes(labels, validation, 'validation');

  let segmentation = options.method === 'scorecard' && options.segmented && set.segmentation ? describeSegmentation(set, set.segmentation) : null;
  const rowSegment = new Int32Array(labels.length);
  if (segmentation) {
    const { cuts, code } = segmentation;
    const column = values[set.characteristics.findIndex((d) => d.code === code)] as Float64Array;
    for (let i = 0; i < labels.length; i++) rowSegment[i] = segmentOf(cuts, column[i] as number);
    const small = segmentation.names.findIndex((_, s) => {
      const rows = training.filter((row) => rowSegment[row] === s);
      const bads = rows.reduce((a, row) => a + (labels[row] as number), 0);
      const least = options.minSegmentRows / 10;
      return rows.length < options.minSegmentRows || bads < least || rows.length - bads < least;
    });
    if (small >= 0) {
      log(`segment "${segmentation.names[small]?.en}" is too small to fit on its own: one scorecard for everyone`);
      segmentation = null;
      rowSegment.fill(0);
    }
  }
  const names = segmentation ? segmentation.names : [{ en: 'all customers', zh: '全部客户' }];
  const fitted: FittedSegment[] = names.map((name, s) =>
    fitSegment(set, values, labels, training.filter((row) => rowSegment[row] === s), s, name, options, log),
  );

  const scores = Int32Array.from({ length: labels.length }, (_, i) => (fitted[rowSegment[i] as number] as FittedSegment).pointsOf(i));
  const trainingScores = Int32Array.from(training, (row) => scores[row] as number);
  const validationScores = Int32Array.from(validation, (row) => scores[row] as number);
  const trainingLabels = pickLabels(labels, training);
  const validationLabels = pickLabels(labels, validation);

  log(`calibrating PD (${options.calibration}) on ${validation.length} validation rows`);
  const fitCalibration = (s: Int32Array, l: Uint8Array) => (options.calibration === 'isotonic' ? fitIsotonic(s, l) : fitPlatt(s, l));
  const calibration = fitCalibration(validationScores, validationLabels);
  const heldOut = crossFittedCalibration(validationScores, validationLabels, fitCalibration, provenance?.seed ?? 0);
  log(
    `held-out calibration (fitted on one half of the validation rows, measured on the other, both ways): brier=${heldOut.brier.toFixed(4)} ece=${heldOut.ece.toFixed(4)}`,
  );
  const trainingPd = Float64Array.from(trainingScores, (s) => pdOfScore(calibration, s));
  const validationPd = Float64Array.from(validationScores, (s) => pdOfScore(calibration, s));
  const trainingMetrics = modelMetrics(trainingScores, trainingPd, trainingLabels);
  const validationMetrics = modelMetrics(validationScores, validationPd, validationLabels);

  const edges = scoreBandEdges(trainingScores, options.scoreBands);
  const bandCounts = new Array<number>(edges.length + 1).fill(0);
  for (const s of trainingScores) {
    const band = bandOf(edges, s);
    bandCounts[band] = (bandCounts[band] as number) + 1;
  }
  const bandShares = bandCounts.map((c) => c / training.length);
  const segmentShares = names.map((_, s) => training.filter((row) => rowSegment[row] === s).length / training.length);

  const scaling = { ...options.scaling };
  const segments = fitted.map((f) => f.segment);
  const scoringParts = { characteristicSet: set.id, scaling, segmentation, segments, calibration };
  const modelId = `${set.id}:${createHash('sha256').update(JSON.stringify(scoringParts)).digest('hex').slice(0, 16)}`;
  const p = provenance ?? {
    dataFile: 'unknown',
    dataSha256: '0'.repeat(64),
    trainedAt: new Date().toISOString(),
    seed: 0,
    totalRows: labels.length,
    skippedRows: 0,
  };
  const { scaling: _unused, ...recordedOptions } = options;
  return {
    schema: MODEL_SCHEMA,
    version: MODEL_VERSION,
    modelId,
    ...scoringParts,
    trainingDistribution: { n: training.length, scoreBandEdges: edges, scoreBandShares: bandShares, segmentShares },
    metrics: { training: trainingMetrics, validation: validationMetrics },
    trainingOptions: recordedOptions as unknown as Record<string, unknown>,
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
