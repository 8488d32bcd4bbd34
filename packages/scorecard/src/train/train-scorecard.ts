import type { ScorecardModel } from '../model/model-schema';
import type { CharacteristicSet, RecordSource } from '../types';
import { computeValues } from './characteristic-values';
import { DEFAULT_FIT, type FitOptions, type ProgressLog } from './fit-options';
import { fitScorecard } from './fit-scorecard';
import { stratifiedSplit } from './split';

export interface TrainOptions {
  seed?: number;
  /** Share of rows held out (stratified) for the PD calibration and validation metrics. */
  validationShare?: number;
  fit?: FitOptions;
  dataFile?: string;
  dataSha256?: string;
  skippedRows?: number;
  /** Defaults to now; pass a fixed date for byte-identical retraining. */
  trainedAt?: string;
  log?: ProgressLog;
}

/** Splits by seed, fits on the training part and calibrates on the held-out part. */
export function trainScorecard<R>(set: CharacteristicSet<R>, source: RecordSource<R>, labels: Uint8Array, options: TrainOptions = {}): ScorecardModel {
  if (source.size !== labels.length) throw new RangeError(`${source.size} rows but ${labels.length} labels`);
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => {});
  log(`computing ${set.characteristics.length} characteristics for ${source.size} rows`);
  const values = computeValues(set, source);
  const split = stratifiedSplit(labels, options.validationShare ?? 0.2, seed);
  log(`split by seed ${seed}: ${split.training.length} training rows, ${split.validation.length} validation rows (stratified)`);
  return fitScorecard(
    { set, values, labels, ...split },
    options.fit ?? DEFAULT_FIT,
    {
      dataFile: options.dataFile ?? 'unknown',
      dataSha256: options.dataSha256 ?? '0'.repeat(64),
      trainedAt: options.trainedAt ?? new Date().toISOString(),
      seed,
      totalRows: labels.length + (options.skippedRows ?? 0),
      skippedRows: options.skippedRows ?? 0,
    },
    log,
  );
}
