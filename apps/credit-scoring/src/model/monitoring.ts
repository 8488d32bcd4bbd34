import { aucOfCounts, ksOfCounts, psi, type RiskCount, type ScorecardModel } from '@jc/scorecard';
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

/**
 * Outcomes matched to the score made before each, counted by that score, the PD and region it was
 * given, and the outcome: monitoring reads a bounded summary, however many outcomes are recorded.
 */
export interface ScoredOutcome {
  score: number;
  probabilityOfDefault: number;
  region: string;
  defaulted: boolean;
  count: number;
}

type PdCount = Pick<ScoredOutcome, 'probabilityOfDefault' | 'count'>;
const total = (outcomes: readonly ScoredOutcome[], value: (o: ScoredOutcome) => number): number => outcomes.reduce((sum, o) => sum + value(o) * o.count, 0);

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
export function fittedLogOddsShift(pds: readonly PdCount[], defaults: number): number {
  let lo = -2 * MAX_LOG_ODDS_SHIFT;
  let hi = 2 * MAX_LOG_ODDS_SHIFT;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    const expected = pds.reduce((sum, p) => sum + shiftPd(p.probabilityOfDefault, mid) * p.count, 0);
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
  const n = total(outcomes, () => 1);
  const defaults = total(outcomes, (o) => (o.defaulted ? 1 : 0));
  const expected = total(outcomes, (o) => o.probabilityOfDefault);
  const variance = total(outcomes, (o) => o.probabilityOfDefault * (1 - o.probabilityOfDefault));
  const bothSeen = defaults > 0 && defaults < n;
  const suggested = bothSeen ? Math.max(-MAX_LOG_ODDS_SHIFT, Math.min(MAX_LOG_ODDS_SHIFT, logOddsShift + fittedLogOddsShift(outcomes, defaults))) : null;
  return {
    region,
    outcomes: n,
    defaults,
    expectedDefaultRate: expected / n,
    observedDefaultRate: defaults / n,
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
  const scored = bandCounts.reduce((a, b) => a + b, 0);
  const shares = bandCounts.map((c) => (scored > 0 ? c / scored : 0));
  const scoreDistribution = bandCounts.map((count, b) => ({
    minScore: b === 0 ? null : (edges[b - 1] as number),
    maxScore: b === edges.length ? null : (edges[b] as number),
    count,
    share: shares[b] as number,
    trainingShare: trainingShares[b] as number,
  }));
  const n = total(outcomes, () => 1);
  const defaults = total(outcomes, (o) => (o.defaulted ? 1 : 0));
  // Lower scores are riskier; the metrics expect higher = riskier.
  const counts: RiskCount[] = outcomes.map((o) => ({ risk: -o.score, events: o.defaulted ? o.count : 0, nonEvents: o.defaulted ? 0 : o.count }));
  const discriminates = defaults > 0 && defaults < n;
  return {
    modelVersion,
    scoredCustomers: scored,
    scoreDistribution,
    psi: scored > 0 ? psi(trainingShares, shares) : null,
    outcomes: n,
    defaults,
    auc: discriminates ? aucOfCounts(counts) : null,
    ks: discriminates ? ksOfCounts(counts) : null,
    expectedDefaultRate: n > 0 ? total(outcomes, (o) => o.probabilityOfDefault) / n : null,
    observedDefaultRate: n > 0 ? defaults / n : null,
    calibrationByRegion: [...byRegion(outcomes)]
      .map(([region, group]) => regionCalibration(region, group, logOddsShiftOf(region)))
      .sort((a, b) => b.outcomes - a.outcomes || a.region.localeCompare(b.region)),
  };
}
