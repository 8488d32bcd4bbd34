import { auc, ks, psi, type ScorecardModel } from '@jc/scorecard';

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
}

/**
 * Stability against the training population (bands are its score deciles) and discrimination on
 * recorded outcomes. AUC and KS need both defaults and non-defaults, and are null otherwise.
 */
export function monitoring(
  modelVersion: string,
  model: ScorecardModel,
  bandCounts: readonly number[],
  outcomes: ReadonlyArray<{ score: number; defaulted: boolean }>,
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
  };
}
