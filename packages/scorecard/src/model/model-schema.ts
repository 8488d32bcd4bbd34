import type { Calibration } from '../calibration';
import type { Descriptions, RiskDirection, Segmentation } from '../types';

export const MODEL_SCHEMA = 'jc-scorecard';
export const MODEL_VERSION = 1;

export interface ModelBin {
  label: string;
  categories?: string[];
  missing?: boolean;
  /** Training rows in the bin, their share and bad rate: the reference for PSI and review. */
  count: number;
  share: number;
  eventRate: number;
  woe: number;
  /** Integer points this bin adds to the base points. */
  points: number;
}

interface CharacteristicCommon {
  code: string;
  description: Descriptions;
  iv: number;
  coefficient: number;
  bins: ModelBin[];
}

export interface NumericModelCharacteristic extends CharacteristicCommon {
  kind: 'numeric';
  direction: RiskDirection;
  /** Strictly ascending; regular bin i holds edges[i-1] <= v < edges[i]. */
  edges: number[];
  /** Where NaN ("not applicable") values go. */
  missingBin: number;
}

export interface CategoricalModelCharacteristic extends CharacteristicCommon {
  kind: 'categorical';
  /** Where categories unseen in training go (the riskiest bin). */
  otherBin: number;
}

export type ModelCharacteristic = NumericModelCharacteristic | CategoricalModelCharacteristic;

export interface ModelMetrics {
  n: number;
  auc: number;
  ks: number;
  gini: number;
  brier: number;
  ece: number;
}

export interface ModelScaling {
  baseScore: number;
  baseOdds: number;
  pdo: number;
  factor: number;
  offset: number;
}

/** A scorecard for one part of the population. */
export interface ModelSegment {
  name: Descriptions;
  /** Segment of the model's segmentation this is (0 when unsegmented). */
  index: number;
  intercept: number;
  /**
   * offset - factor * intercept, rounded, kept whole rather than spread over the
   * characteristics; score = basePoints + the points of the customer's bins.
   */
  basePoints: number;
  characteristics: ModelCharacteristic[];
  excluded: ExcludedCharacteristic[];
  trainingRows: number;
}

export interface ModelSegmentation extends Segmentation {
  description: Descriptions;
}

export interface ExcludedCharacteristic {
  code: string;
  iv: number;
  reason: string;
}

export interface Provenance {
  dataFile: string;
  dataSha256: string;
  trainedAt: string;
  seed: number;
  rows: { total: number; skipped: number; training: number; validation: number };
  trainingMetrics: ModelMetrics;
  /** The same figures as `metrics.validation`; see there for what they do and do not measure. */
  validationMetrics: ModelMetrics;
}

export interface ScorecardModel {
  schema: typeof MODEL_SCHEMA;
  version: typeof MODEL_VERSION;
  /** Content hash of the scoring parts, so two models with the same id score identically. */
  modelId: string;
  /** Which characteristic definitions compute the inputs (e.g. 'taiwan-statements-v1'). */
  characteristicSet: string;
  scaling: ModelScaling;
  /** null: one segment for everyone. */
  segmentation: ModelSegmentation | null;
  segments: ModelSegment[];
  calibration: Calibration;
  /**
   * Training score distribution (equal-count bands) and segment mix, for PSI; characteristic
   * PSI uses each segment's bins[].share.
   */
  trainingDistribution: { n: number; scoreBandEdges: number[]; scoreBandShares: number[]; segmentShares: number[] };
  /**
   * `validation` is measured on the held-out split. The scorecard never saw those rows, so its
   * AUC, KS and Gini are out of sample. The PD calibration was fitted on the same rows, so its
   * Brier score and ECE are in-sample calibration figures and flatter the model; the scorecard
   * README gives cross-validated ones.
   */
  metrics: { training: ModelMetrics; validation: ModelMetrics };
  trainingOptions: Record<string, unknown>;
  provenance: Provenance;
}
