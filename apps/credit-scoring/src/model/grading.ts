import type { ScorecardModel } from '@jc/scorecard';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';

/** Minimum score of grades A–D; anything below `d` is E. */
export interface GradeCutoffs {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** A region's standard under one model version. */
export interface RegionalStandard {
  region: string;
  /** Added to the log-odds of default: the intercept shift of a region that defaults more (or less) than training. */
  logOddsShift: number;
  gradeCutoffs: GradeCutoffs;
}

export function gradeOf(score: number, cutoffs: GradeCutoffs): Grade {
  if (score >= cutoffs.a) return 'A';
  if (score >= cutoffs.b) return 'B';
  if (score >= cutoffs.c) return 'C';
  if (score >= cutoffs.d) return 'D';
  return 'E';
}

/**
 * Default bands from the training score deciles: A is the best 20%, B the next 20%, C the middle
 * 20%, D the next 20% and E the worst 20%, so grades start out evenly filled on the training
 * population and drift visibly when the population does.
 */
export function defaultGradeCutoffs(model: ScorecardModel): GradeCutoffs {
  const edges = model.trainingDistribution.scoreBandEdges;
  const at = (i: number) => edges[Math.min(i, edges.length - 1)] as number;
  return { a: at(7), b: at(5), c: at(3), d: at(1) };
}

export interface Problem {
  path: string;
  reason: string;
}

export function gradeCutoffProblems(cutoffs: GradeCutoffs, path: string): Problem[] {
  const problems: Problem[] = [];
  for (const key of ['a', 'b', 'c', 'd'] as const) {
    const v = cutoffs[key];
    if (!Number.isInteger(v) || v < 0 || v > 2000) problems.push({ path: `${path}.${key}`, reason: 'must be a whole score between 0 and 2000' });
  }
  if (problems.length === 0 && !(cutoffs.a > cutoffs.b && cutoffs.b > cutoffs.c && cutoffs.c > cutoffs.d)) {
    problems.push({ path, reason: 'cut-offs must fall strictly from a to d' });
  }
  return problems;
}

/** A shift of ±5 in log-odds multiplies the odds by about 150: anything larger is an entry error. */
export const MAX_LOG_ODDS_SHIFT = 5;

/** PD after shifting its log-odds, kept inside the engine's bounds. */
export function shiftPd(pd: number, logOddsShift: number): number {
  if (logOddsShift === 0) return pd;
  const logit = Math.log(pd / (1 - pd)) + logOddsShift;
  const shifted = 1 / (1 + Math.exp(-logit));
  return Math.min(1 - 1e-4, Math.max(1e-4, shifted));
}

/**
 * The score moves with the PD so grade and score stay consistent: a log-odds shift of s is
 * s·factor points (factor = pdo / ln 2), subtracted because a higher PD is a lower score.
 */
export function shiftScore(score: number, logOddsShift: number, model: ScorecardModel): number {
  return score - Math.round(logOddsShift * model.scaling.factor);
}
