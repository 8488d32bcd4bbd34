import type { ModelMetrics } from '../model/model-schema';
import { auc, brier, ece, gini, ks } from './metrics';

/**
 * Discrimination is measured on the integer score (higher = safer, so it is negated into a
 * risk), calibration on the PD.
 */
export function modelMetrics(scores: ArrayLike<number>, pds: ArrayLike<number>, labels: ArrayLike<number>): ModelMetrics {
  const risk = Float64Array.from(scores, (s) => -s);
  return {
    n: labels.length,
    auc: auc(risk, labels),
    ks: ks(risk, labels),
    gini: gini(risk, labels),
    brier: brier(pds, labels),
    ece: ece(pds, labels, 10),
  };
}
