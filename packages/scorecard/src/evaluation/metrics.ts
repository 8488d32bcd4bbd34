/**
 * Discrimination and calibration measures. `risk` is any number that grows with the chance of
 * the event (label 1): a PD, or a negated score.
 */

function sortedIndex(values: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
}

function checkLengths(risk: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (risk.length !== labels.length) throw new RangeError(`${risk.length} predictions but ${labels.length} labels`);
}

/** How many events (label 1) and non-events share one prediction value. */
export interface RiskCount {
  risk: number;
  events: number;
  nonEvents: number;
}

/** Predictions and their labels as counts per distinct prediction, lowest risk first. */
export function riskCounts(risk: ArrayLike<number>, labels: ArrayLike<number>): RiskCount[] {
  checkLengths(risk, labels);
  const order = sortedIndex(risk);
  const counts: RiskCount[] = [];
  for (let start = 0; start < order.length; ) {
    const value = risk[order[start] as number] as number;
    const count: RiskCount = { risk: value, events: 0, nonEvents: 0 };
    // do-while: a NaN equals nothing, itself included, and must still be consumed
    do {
      if (labels[order[start] as number]) count.events++;
      else count.nonEvents++;
      start++;
    } while (start < order.length && risk[order[start] as number] === value);
    counts.push(count);
  }
  return counts;
}

/** One count per distinct prediction, lowest risk first. */
function byRisk(counts: readonly RiskCount[]): RiskCount[] {
  const merged: RiskCount[] = [];
  for (const c of [...counts].sort((a, b) => a.risk - b.risk)) {
    const last = merged[merged.length - 1];
    if (last?.risk === c.risk) {
      last.events += c.events;
      last.nonEvents += c.nonEvents;
    } else merged.push({ ...c });
  }
  return merged;
}

/**
 * Area under the ROC curve from counts per prediction: each event outranks the non-events below it
 * and ties with half of those beside it (the rank-sum statistic with tied predictions sharing
 * their mean rank). Counts may come in any order, and a value may repeat.
 */
export function aucOfCounts(counts: readonly RiskCount[]): number {
  return aucOfDistinct(byRisk(counts));
}

/** `aucOfCounts` of counts already one per prediction, lowest risk first (as `riskCounts` makes them). */
function aucOfDistinct(sorted: readonly RiskCount[]): number {
  let events = 0;
  let nonEvents = 0;
  let wins = 0;
  for (const c of sorted) {
    wins += c.events * (nonEvents + c.nonEvents / 2);
    events += c.events;
    nonEvents += c.nonEvents;
  }
  return events === 0 || nonEvents === 0 ? NaN : wins / (events * nonEvents);
}

export function auc(risk: ArrayLike<number>, labels: ArrayLike<number>): number {
  return aucOfDistinct(riskCounts(risk, labels));
}

export function gini(risk: ArrayLike<number>, labels: ArrayLike<number>): number {
  return 2 * auc(risk, labels) - 1;
}

/**
 * Kolmogorov-Smirnov from counts per prediction: the largest gap between the cumulative shares of
 * events and non-events, checked only between distinct prediction values so ties cannot inflate it.
 */
export function ksOfCounts(counts: readonly RiskCount[]): number {
  return ksOfDistinct(byRisk(counts));
}

function ksOfDistinct(sorted: readonly RiskCount[]): number {
  const events = sorted.reduce((sum, c) => sum + c.events, 0);
  const nonEvents = sorted.reduce((sum, c) => sum + c.nonEvents, 0);
  if (events === 0 || nonEvents === 0) return NaN;
  let cumEvents = 0;
  let cumNonEvents = 0;
  let best = 0;
  for (const c of sorted) {
    cumEvents += c.events;
    cumNonEvents += c.nonEvents;
    best = Math.max(best, Math.abs(cumEvents / events - cumNonEvents / nonEvents));
  }
  return best;
}

export function ks(risk: ArrayLike<number>, labels: ArrayLike<number>): number {
  return ksOfDistinct(riskCounts(risk, labels));
}

export function brier(pd: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkLengths(pd, labels);
  let sum = 0;
  for (let i = 0; i < pd.length; i++) sum += ((pd[i] as number) - (labels[i] as number)) ** 2;
  return sum / pd.length;
}

export interface ReliabilityBin {
  n: number;
  meanPd: number;
  eventRate: number;
}

/**
 * Rows sorted by PD and cut into `bins` groups of equal size (group b holds sorted positions
 * floor(b*n/bins) .. floor((b+1)*n/bins) - 1; ties are broken by row order, so equal PDs may
 * straddle a cut).
 */
export function reliabilityBins(pd: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): ReliabilityBin[] {
  checkLengths(pd, labels);
  const order = sortedIndex(pd);
  const n = order.length;
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins);
    const to = Math.floor(((b + 1) * n) / bins);
    if (to <= from) continue;
    let pdSum = 0;
    let events = 0;
    for (let k = from; k < to; k++) {
      const i = order[k] as number;
      pdSum += pd[i] as number;
      events += labels[i] ? 1 : 0;
    }
    out.push({ n: to - from, meanPd: pdSum / (to - from), eventRate: events / (to - from) });
  }
  return out;
}

/** Expected calibration error: size-weighted mean |event rate - mean PD| over equal-frequency PD bins. */
export function ece(pd: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): number {
  let total = 0;
  let weighted = 0;
  for (const b of reliabilityBins(pd, labels, bins)) {
    total += b.n;
    weighted += b.n * Math.abs(b.eventRate - b.meanPd);
  }
  return total > 0 ? weighted / total : NaN;
}

/** Population stability index; shares below `floor` are raised to it so an empty bin stays finite. */
export function psi(expectedShares: ArrayLike<number>, actualShares: ArrayLike<number>, floor = 1e-4): number {
  if (expectedShares.length !== actualShares.length) throw new RangeError('PSI needs the same bins on both sides');
  let sum = 0;
  for (let i = 0; i < expectedShares.length; i++) {
    const e = Math.max(expectedShares[i] as number, floor);
    const a = Math.max(actualShares[i] as number, floor);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}

/** Share of values per bin, where `binOf` maps a value to its bin. */
export function sharesByBin(count: number, binCount: number, binOf: (i: number) => number): number[] {
  const counts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < count; i++) {
    const b = binOf(i);
    counts[b] = (counts[b] as number) + 1;
  }
  return counts.map((c) => (count > 0 ? c / count : 0));
}

/** Band index of a score for ascending band edges: band b holds edges[b-1] <= score < edges[b]. */
export function bandOf(edges: ReadonlyArray<number>, score: number): number {
  let b = 0;
  while (b < edges.length && score >= (edges[b] as number)) b++;
  return b;
}

export interface CalibrationRow {
  band: string;
  minScore: number | null;
  maxScore: number | null;
  n: number;
  bads: number;
  eventRate: number;
  meanPd: number;
}

/** Observed bad rate beside the mean predicted PD for each score band. */
export function calibrationTable(
  scores: ArrayLike<number>,
  pd: ArrayLike<number>,
  labels: ArrayLike<number>,
  edges: ReadonlyArray<number>,
): CalibrationRow[] {
  const rows = Array.from({ length: edges.length + 1 }, (_, b) => ({
    band: edges.length === 0 ? 'all' : b === 0 ? `< ${edges[0]}` : b === edges.length ? `>= ${edges[b - 1]}` : `[${edges[b - 1]}, ${edges[b]})`,
    minScore: b === 0 ? null : (edges[b - 1] as number),
    maxScore: b === edges.length ? null : (edges[b] as number),
    n: 0,
    bads: 0,
    eventRate: 0,
    meanPd: 0,
  }));
  for (let i = 0; i < scores.length; i++) {
    const row = rows[bandOf(edges, scores[i] as number)] as CalibrationRow;
    row.n++;
    row.bads += labels[i] ? 1 : 0;
    row.meanPd += pd[i] as number;
  }
  for (const row of rows) {
    row.eventRate = row.n > 0 ? row.bads / row.n : 0;
    row.meanPd = row.n > 0 ? row.meanPd / row.n : 0;
  }
  return rows;
}
