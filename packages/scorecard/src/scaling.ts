/**
 * Points scaling: score = offset + factor * ln(good:bad odds), with factor = pdo / ln 2 and
 * offset chosen so that `baseOdds` good:bad sits at `baseScore`.
 */
export interface Scaling {
  baseScore: number;
  baseOdds: number;
  pdo: number;
  factor: number;
  offset: number;
}

export function makeScaling(baseScore = 600, baseOdds = 50, pdo = 20): Scaling {
  const factor = pdo / Math.LN2;
  return { baseScore, baseOdds, pdo, factor, offset: baseScore - factor * Math.log(baseOdds) };
}

export const STANDARD_SCALING: Scaling = makeScaling(600, 50, 20);

/** Score of good:bad odds, unrounded. */
export function scoreOfOdds(scaling: Scaling, goodBadOdds: number): number {
  return scaling.offset + scaling.factor * Math.log(goodBadOdds);
}

/** Good:bad odds a score stands for by construction (before calibration). */
export function oddsOfScore(scaling: Scaling, score: number): number {
  return Math.exp((score - scaling.offset) / scaling.factor);
}

/**
 * With logit(P(bad)) = intercept + sum(beta_j * woe_j), the score is
 * offset - factor * intercept - sum(factor * beta_j * woe_j). The first two terms are kept as
 * one base-points value rather than spread over the characteristics, so each bin's points
 * show only what that characteristic adds or takes away.
 */
export function basePoints(scaling: Scaling, intercept: number): number {
  return Math.round(scaling.offset - scaling.factor * intercept);
}

export function binPoints(scaling: Scaling, coefficient: number, woe: number): number {
  const points = Math.round(-scaling.factor * coefficient * woe);
  return points === 0 ? 0 : points; // no -0 in the JSON
}
