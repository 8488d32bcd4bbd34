import source from './models.graphql?raw';
import { operation } from './documents';

export type ModelStatus = 'CHAMPION' | 'CHALLENGER' | 'RETIRED';

export interface ScoringModel {
  version: string;
  status: ModelStatus;
  trainedAt: string;
  registeredAt: string;
  promotedAt: string | null;
  validationMetrics: { auc: number; gini: number; ks: number; brier: number; ece: number; n: number };
}

export interface ScoreBand {
  minScore: number | null;
  maxScore: number | null;
  count: number;
  share: number;
  trainingShare: number;
}

export interface ScoreMonitoring {
  modelVersion: string;
  scoredCustomers: number;
  outcomes: number;
  defaults: number;
  psi: number | null;
  auc: number | null;
  ks: number | null;
  scoreDistribution: ScoreBand[];
  expectedDefaultRate: number | null;
  observedDefaultRate: number | null;
  calibrationByRegion: RegionCalibration[];
}

export interface RegionCalibration {
  region: string;
  outcomes: number;
  defaults: number;
  expectedDefaultRate: number;
  observedDefaultRate: number;
  z: number | null;
  logOddsShift: number;
  suggestedLogOddsShift: number | null;
}

export const SCORING_MODELS = operation<{ scoringModels: ScoringModel[] }>(source, 'ScoringModels');
export const SCORE_MONITORING = operation<{ scoreMonitoring: ScoreMonitoring }, { modelVersion?: string | null }>(source, 'ScoreMonitoring');
export const PROMOTE_MODEL = operation<
  { promoteModel: Pick<ScoringModel, 'version' | 'status' | 'promotedAt'> },
  { version: string }
>(source, 'PromoteModel');
