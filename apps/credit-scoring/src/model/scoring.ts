import type { Clock, Education } from '@jc/domain';
import { scoreCustomer as scoreWithModel, type CustomerInput, type MonthlyStatement, type ScorecardModel } from '@jc/scorecard';
import { gradeOf, shiftPd, shiftScore, type Grade, type GradeCutoffs, type RegionalStandard } from './grading';

/** A model version as the registry holds it, with the standards stored beside it. */
export interface ModelVersion {
  version: string;
  status: 'CHALLENGER' | 'CHAMPION' | 'RETIRED';
  model: ScorecardModel;
  defaultGradeCutoffs: GradeCutoffs;
  regionalStandards: RegionalStandard[];
  registeredAt: Date;
  promotedAt: Date | null;
}

export interface Reason {
  code: string;
  description: string;
  descriptionZh: string;
  pointsShortfall: number;
}

/** One stored score: the champion's is the customer's profile, challengers' are shadow scores. */
export interface CreditScore {
  id?: string;
  customerId: string;
  modelVersion: string;
  shadow: boolean;
  /** After the region's calibration: what the customer is graded and decided on. */
  score: number;
  /** The model's own score, before the region's calibration: on the scale of the training distribution. */
  modelScore: number;
  grade: Grade;
  probabilityOfDefault: number;
  reasons: Reason[];
  region: string;
  regionCalibrationApplied: boolean;
  scoredAt: Date;
}

/** The reference data's education codes: 1 graduate, 2 university, 3 high school, 4 others. */
const EDUCATION_CODE: Record<Education, number> = { GRADUATE: 1, UNIVERSITY: 2, HIGH_SCHOOL: 3, OTHER: 4 };

export interface ScoringSubject {
  id: string;
  region: string;
  birthYear: number;
  education: Education;
}

export function modelInput(subject: ScoringSubject, statements: MonthlyStatement[], now: Date): CustomerInput {
  return { statements, age: now.getUTCFullYear() - subject.birthYear, education: EDUCATION_CODE[subject.education] };
}

export function standardFor(version: ModelVersion, region: string): { standard: RegionalStandard; own: boolean } {
  const own = version.regionalStandards.find((r) => r.region === region);
  return own
    ? { standard: own, own: true }
    : { standard: { region, logOddsShift: 0, gradeCutoffs: version.defaultGradeCutoffs }, own: false };
}

/** Applies a region's calibration and cut-offs to a raw model score. */
export function regionalise(version: ModelVersion, region: string, raw: { score: number; pd: number }) {
  const { standard, own } = standardFor(version, region);
  const score = shiftScore(raw.score, standard.logOddsShift, version.model);
  return {
    score,
    modelScore: raw.score,
    probabilityOfDefault: shiftPd(raw.pd, standard.logOddsShift),
    grade: gradeOf(score, standard.gradeCutoffs),
    regionCalibrationApplied: own,
  };
}

/** Scores one customer with one model version, with reasons, under the customer's regional standard. */
export function scoreSubject(version: ModelVersion, subject: ScoringSubject, statements: MonthlyStatement[], clock: Clock): CreditScore {
  const now = clock.now();
  const result = scoreWithModel(version.model, modelInput(subject, statements, now));
  return {
    customerId: subject.id,
    modelVersion: version.version,
    shadow: version.status !== 'CHAMPION',
    ...regionalise(version, subject.region, result),
    reasons: result.reasons.map((r) => ({ code: r.code, description: r.description.en, descriptionZh: r.description.zh, pointsShortfall: r.shortfall })),
    region: subject.region,
    scoredAt: now,
  };
}
