import { auc, ks, psi, type ScorecardModel } from '@jc/scorecard';
import { MAX_LOG_ODDS_SHIFT, shiftPd } from './grading';

export interface ScoreBand {
  minScore: number | null;
  maxScore: number | null;
  count: number;
  share: number;
  trainingShare: number;
}

export interface Monitoring {
  modelVersion: string;
  scoredCustomers: number;
  scoreDistribution: ScoreBand[];
  psi: number | null;
  outcomes: number;
  defaults: number;
  auc: number | null;
  ks: number | null;
  expectedDefaultRate: number | null;
  observedDefaultRate: number | null;
  calibrationByRegion: RegionCalibration[];
}

/** A score matched to the outcome observed after it, with the PD and region it was given. */
export interface ScoredOutcome {
  score: number;
  probabilityOfDefault: number;
  region: string;
  defaulted: boolean;
}

/** Calibration in the large of one region: do its scored PDs add up to the defaults it saw? */
export interface RegionCalibration {
  region: string;
  outcomes: number;
  defaults: number;
  expectedDefaultRate: number;
  observedDefaultRate: number;
  /** (defaults − Σ PD) / √Σ PD(1 − PD): beyond ±2 the gap is unlikely to be chance. */
  z: number | null;
  /** The region's log-odds shift in this model version now. */
  logOddsShift: number;
  /** The shift that makes its PDs add up to its defaults; null unless it saw both outcomes. */
  suggestedLogOddsShift: number | null;
}

/**
 * The intercept shift δ maximising the likelihood of the outcomes under PD' = σ(logit PD + δ):
 * where Σ σ(logit PD_i + δ) equals the defaults. The sum rises with δ, so bisection finds it.
 */
export function fittedLogOddsShift(pds: readonly number[], defaults: number): number {
  let lo = -2 * MAX_LOG_ODDS_SHIFT;
  let hi = 2 * MAX_LOG_ODDS_SHIFT;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    const expected = pds.reduce((sum, pd) => sum + shiftPd(pd, mid), 0);
    if (expected < defaults) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function byRegion(outcomes: readonly ScoredOutcome[]): Map<string, ScoredOutcome[]> {
  const groups = new Map<string, ScoredOutcome[]>();
  for (const o of outcomes) {
    const group = groups.get(o.region);
    if (group) group.push(o);
    else groups.set(o.region, [o]);
  }
  return groups;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

export function regionCalibration(region: string, outcomes: readonly ScoredOutcome[], logOddsShift: number): RegionCalibration {
  const pds = outcomes.map((o) => o.probabilityOfDefault);
  const defaults = outcomes.filter((o) => o.defaulted).length;
  const expected = pds.reduce((a, b) => a + b, 0);
  const variance = pds.reduce((a, p) => a + p * (1 - p), 0);
  const bothSeen = defaults > 0 && defaults < outcomes.length;
  const suggested = bothSeen ? Math.max(-MAX_LOG_ODDS_SHIFT, Math.min(MAX_LOG_ODDS_SHIFT, logOddsShift + fittedLogOddsShift(pds, defaults))) : null;
  return {
    region,
    outcomes: outcomes.length,
    defaults,
    expectedDefaultRate: expected / outcomes.length,
    observedDefaultRate: defaults / outcomes.length,
    z: variance > 0 ? (defaults - expected) / Math.sqrt(variance) : null,
    logOddsShift,
    suggestedLogOddsShift: suggested === null ? null : round(suggested, 3),
  };
}

/**
 * Stability against the training population (bands are its score deciles), discrimination on
 * recorded outcomes, and calibration per region. AUC and KS need both defaults and non-defaults,
 * and are null otherwise.
 */
export function monitoring(
  modelVersion: string,
  model: ScorecardModel,
  bandCounts: readonly number[],
  outcomes: readonly ScoredOutcome[],
  logOddsShiftOf: (region: string) => number,
): Monitoring {
  const { scoreBandEdges: edges, scoreBandShares: trainingShares } = model.trainingDistribution;
  const total = bandCounts.reduce((a, b) => a + b, 0);
  const shares = bandCounts.map((c) => (total > 0 ? c / total : 0));
  const scoreDistribution = bandCounts.map((count, b) => ({
    minScore: b === 0 ? null : (edges[b - 1] as number),
    maxScore: b === edges.length ? null : (edges[b] as number),
    count,
    share: shares[b] as number,
    trainingShare: trainingShares[b] as number,
  }));
  // Lower scores are riskier; the metrics expect higher = riskier.
  const risk = outcomes.map((o) => -o.score);
  const labels = outcomes.map((o) => (o.defaulted ? 1 : 0));
  const defaults = labels.reduce<number>((a, b) => a + b, 0);
  const discriminates = defaults > 0 && defaults < outcomes.length;
  return {
    modelVersion,
    scoredCustomers: total,
    scoreDistribution,
    psi: total > 0 ? psi(trainingShares, shares) : null,
    outcomes: outcomes.length,
    defaults,
    auc: discriminates ? auc(risk, labels) : null,
    ks: discriminates ? ks(risk, labels) : null,
    expectedDefaultRate: outcomes.length > 0 ? outcomes.reduce((a, o) => a + o.probabilityOfDefault, 0) / outcomes.length : null,
    observedDefaultRate: outcomes.length > 0 ? defaults / outcomes.length : null,
    calibrationByRegion: [...byRegion(outcomes)]
      .map(([region, group]) => regionCalibration(region, group, logOddsShiftOf(region)))
      .sort((a, b) => b.outcomes - a.outcomes || a.region.localeCompare(b.region)),
  };
}
