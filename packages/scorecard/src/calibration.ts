import { fitLogistic } from './logistic-regression';

/**
 * Score-to-PD maps fitted on the validation rows (never the rows the scorecard was fitted on).
 * Isotonic: PAVA gives a non-increasing step function of the score; its knots sit at each
 * block's mean score and PD is interpolated linearly between them (flat beyond the ends).
 * Platt: PD = 1 / (1 + exp(-(a + b * score))).
 */
export type Calibration =
  | { method: 'isotonic'; scores: number[]; pds: number[] }
  | { method: 'platt'; a: number; b: number };

export const PD_FLOOR = 1e-4;
const clampPd = (pd: number) => Math.min(Math.max(pd, PD_FLOOR), 1 - PD_FLOOR);

export function fitIsotonic(scores: ArrayLike<number>, labels: ArrayLike<number>): Calibration {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number) || a - b);
  const blocks: Array<{ weight: number; bads: number; scoreSum: number }> = [];
  for (let k = 0; k < order.length; ) {
    const score = scores[order[k] as number] as number;
    const block = { weight: 0, bads: 0, scoreSum: 0 };
    for (; k < order.length && scores[order[k] as number] === score; k++) {
      block.weight++;
      block.bads += labels[order[k] as number] ? 1 : 0;
      block.scoreSum += score;
    }
    blocks.push(block);
    // A higher score must never mean a higher PD: pool with the block before while it does.
    while (blocks.length >= 2) {
      const last = blocks[blocks.length - 1] as (typeof blocks)[number];
      const previous = blocks[blocks.length - 2] as (typeof blocks)[number];
      if (previous.bads / previous.weight > last.bads / last.weight) break;
      previous.weight += last.weight;
      previous.bads += last.bads;
      previous.scoreSum += last.scoreSum;
      blocks.pop();
    }
  }
  return {
    method: 'isotonic',
    scores: blocks.map((b) => b.scoreSum / b.weight),
    pds: blocks.map((b) => clampPd(b.bads / b.weight)),
  };
}

export function fitPlatt(scores: ArrayLike<number>, labels: Uint8Array): Calibration {
  // Centred and scaled so Newton's method is well conditioned; mapped back below.
  const centre = 600;
  const spread = 50;
  const x = Float64Array.from(scores, (s) => (s - centre) / spread);
  const fit = fitLogistic([x], labels, { l2: 0 });
  const slope = (fit.coefficients[0] as number) / spread;
  return { method: 'platt', a: fit.intercept - slope * centre, b: slope };
}

export function pdOfScore(calibration: Calibration, score: number): number {
  if (calibration.method === 'platt') return clampPd(1 / (1 + Math.exp(-(calibration.a + calibration.b * score))));
  const { scores, pds } = calibration;
  const last = scores.length - 1;
  if (score <= (scores[0] as number)) return pds[0] as number;
  if (score >= (scores[last] as number)) return pds[last] as number;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((scores[mid] as number) <= score) lo = mid;
    else hi = mid;
  }
  const s0 = scores[lo] as number;
  const s1 = scores[hi] as number;
  const t = (score - s0) / (s1 - s0);
  return (pds[lo] as number) + t * ((pds[hi] as number) - (pds[lo] as number));
}
