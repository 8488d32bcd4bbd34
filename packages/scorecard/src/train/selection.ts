import type { ExcludedCharacteristic } from '../model/model-schema';

export interface SelectionOptions {
  /** Characteristics below this information value are dropped as too weak. */
  minIv: number;
  /** Of two characteristics whose WOE columns correlate more than this, the weaker is dropped. */
  maxWoeCorrelation: number;
}

export const DEFAULT_SELECTION: SelectionOptions = { minIv: 0.02, maxWoeCorrelation: 0.8 };

export interface Candidate {
  code: string;
  iv: number;
  woe: Float64Array;
}

export function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i] as number;
    meanB += b[i] as number;
  }
  meanA /= n;
  meanB /= n;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - meanA;
    const db = (b[i] as number) - meanB;
    cov += da * db;
    varA += da * da;
    varB += db * db;
  }
  return varA > 0 && varB > 0 ? cov / Math.sqrt(varA * varB) : 0;
}

/**
 * Strongest first: keep a characteristic unless it is weak or nearly duplicates one already
 * kept. Near-duplicates (e.g. worst delinquency and months delinquent) carry the same
 * evidence and would otherwise split it between unstable, possibly sign-flipped coefficients.
 */
export function selectByIvAndCorrelation(
  candidates: ReadonlyArray<Candidate>,
  options: SelectionOptions,
): { selected: Candidate[]; excluded: ExcludedCharacteristic[] } {
  const selected: Candidate[] = [];
  const excluded: ExcludedCharacteristic[] = [];
  const ordered = [...candidates].sort((a, b) => b.iv - a.iv || (a.code < b.code ? -1 : 1));
  for (const c of ordered) {
    if (c.iv < options.minIv) {
      excluded.push({ code: c.code, iv: c.iv, reason: `information value ${c.iv.toFixed(4)} below ${options.minIv}` });
      continue;
    }
    let twin: { code: string; r: number } | undefined;
    for (const kept of selected) {
      const r = pearson(c.woe, kept.woe);
      if (Math.abs(r) > options.maxWoeCorrelation) {
        twin = { code: kept.code, r };
        break;
      }
    }
    if (twin) {
      excluded.push({ code: c.code, iv: c.iv, reason: `WOE correlates ${twin.r.toFixed(3)} with stronger ${twin.code}` });
      continue;
    }
    selected.push(c);
  }
  return { selected, excluded };
}
