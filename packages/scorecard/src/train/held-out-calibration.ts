import { pdOfScore, type Calibration } from '../calibration';
import { brier, ece } from '../evaluation/metrics';
import { stratifiedFolds } from './split';

/**
 * An out-of-sample calibration figure for the validation rows. The model's calibration is fitted
 * on all of them, so the Brier score and ECE it stores for them are in-sample. Here the
 * calibration is fitted on one half and measured on the other, both ways round. That fits on half
 * as many rows, so the figure is if anything pessimistic. It is only reported, never stored, so a
 * retrained model is byte-for-byte what it was.
 */
export function crossFittedCalibration(
  scores: Int32Array,
  labels: Uint8Array,
  fit: (scores: Int32Array, labels: Uint8Array) => Calibration,
  seed: number,
): { n: number; brier: number; ece: number } {
  const pd = new Float64Array(labels.length);
  for (const { training, validation } of stratifiedFolds(labels, 2, seed)) {
    const calibration = fit(
      Int32Array.from(training, (i) => scores[i] as number),
      Uint8Array.from(training, (i) => labels[i] as number),
    );
    for (const i of validation) pd[i] = pdOfScore(calibration, scores[i] as number);
  }
  return { n: labels.length, brier: brier(pd, labels), ece: ece(pd, labels, 10) };
}
