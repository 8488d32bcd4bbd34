import type { Minor } from '@jc/domain';
import { emptyOutcome, jointLimitAfter, toMinor, type CompiledPortfolio } from '@jc/optimiser';
import { exposureOf, regionOf, stageOf, type AllocationLine } from './allocation-portfolio';

export interface AllocationTotals {
  lines: number;
  exposure: Minor;
  /** Annual expected figures of the re-allocated lines (those kept as they are carry no model inputs). */
  expectedProfit: Minor;
  expectedLoss: Minor;
  linesRaised: number;
  /** A line with any limit lowered counts here: a decrease is what the customer notices. */
  linesLowered: number;
  linesUnchanged: number;
}

export type SegmentDimension = 'TIER' | 'STAGE' | 'REGION';

export interface SegmentResult {
  dimension: SegmentDimension;
  key: string;
  challenger: AllocationTotals;
  champion: AllocationTotals;
  /** The segment's own exposure budget, when the simulation set one. */
  budget?: Minor;
}

/** One side's limits (indexed 2i + product over `moving`) and the lines kept as they are. */
export interface LineOutcomes {
  compiled: CompiledPortfolio;
  moving: readonly AllocationLine[];
  kept: readonly AllocationLine[];
  limits: Float64Array;
}

interface Sums {
  lines: number;
  exposure: number;
  profit: number;
  loss: number;
  raised: number;
  lowered: number;
}

const empty = (): Sums => ({ lines: 0, exposure: 0, profit: 0, loss: 0, raised: 0, lowered: 0 });

const finish = (s: Sums): AllocationTotals => ({
  lines: s.lines,
  exposure: toMinor(s.exposure),
  expectedProfit: toMinor(s.profit),
  expectedLoss: toMinor(s.loss),
  linesRaised: s.raised,
  linesLowered: s.lowered,
  linesUnchanged: s.lines - s.raised - s.lowered,
});

/** Adds one line: its exposure, P&L and move (-1 any limit lowered, 1 raised, 0 unchanged). */
function addLine(s: Sums, exposure: number, profit: number, loss: number, move: number): void {
  s.lines += 1;
  s.exposure += exposure;
  s.profit += profit;
  s.loss += loss;
  if (move > 0) s.raised += 1;
  if (move < 0) s.lowered += 1;
}

/** The lines' segments of one dimension (see `segmentsOf`). */
interface Grouping {
  dimension: SegmentDimension;
  keys: string[];
  groupOf: Int32Array;
}

/**
 * One side's sums over all lines (moving, then kept) and per segment of each grouping, in one pass:
 * each line's P&L is worked out once, and a million lines' figures are never held.
 */
function sumSide(o: LineOutcomes, groupings: readonly Grouping[]): { all: Sums; bySegment: Sums[][] } {
  const all = empty();
  const bySegment = groupings.map((g) => Array.from({ length: g.keys.length }, empty));
  const add = (i: number, exposure: number, profit: number, loss: number, move: number): void => {
    addLine(all, exposure, profit, loss, move);
    for (let d = 0; d < groupings.length; d++) addLine(bySegment[d]![groupings[d]!.groupOf[i] as number]!, exposure, profit, loss, move);
  };
  const cashOut = emptyOutcome();
  const payOut = emptyOutcome();
  o.moving.forEach((l, i) => {
    const cash = o.limits[2 * i] as number;
    const pay = o.limits[2 * i + 1] as number;
    const a = o.compiled.lines.outcome(2 * i, cash, cashOut);
    const b = o.compiled.lines.outcome(2 * i + 1, pay, payOut);
    const joint = jointLimitAfter(l.jointLimit, l.cashLoanLimit + l.payLaterLimit, cash + pay);
    const lowered = joint < l.jointLimit || cash < l.cashLoanLimit || pay < l.payLaterLimit;
    const raised = joint > l.jointLimit || cash > l.cashLoanLimit || pay > l.payLaterLimit;
    add(i, Math.min(joint, cash + pay), a.profit + b.profit, a.expectedLoss + b.expectedLoss, lowered ? -1 : raised ? 1 : 0);
  });
  o.kept.forEach((l, k) => add(o.moving.length + k, exposureOf(l), 0, 0, 0));
  return { all, bySegment };
}

const DIMENSIONS: [SegmentDimension, (l: AllocationLine) => string][] = [
  ['TIER', (l) => l.tier],
  ['STAGE', stageOf],
  ['REGION', regionOf],
];

/** A line's segment of one dimension: its tier, its snapshot's stage or its snapshot's region. */
export const segmentKeyOf = (dimension: SegmentDimension): ((l: AllocationLine) => string) => DIMENSIONS.find(([d]) => d === dimension)![1];

/** Each line's segment of one dimension as a small integer, and the segments' keys in first-seen order. */
function segmentsOf(lines: readonly (readonly AllocationLine[])[], keyOf: (l: AllocationLine) => string): { keys: string[]; groupOf: Int32Array } {
  const index = new Map<string, number>();
  const groupOf = new Int32Array(lines.reduce((n, part) => n + part.length, 0));
  let i = 0;
  for (const part of lines) {
    for (let k = 0; k < part.length; k++) {
      const key = keyOf(part[k]!);
      let g = index.get(key);
      if (g === undefined) index.set(key, (g = index.size));
      groupOf[i++] = g;
    }
  }
  return { keys: [...index.keys()], groupOf };
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface PlanTotals {
  challenger: AllocationTotals;
  champion: AllocationTotals;
  /** Per tier, stage and region, keys in order, challenger beside champion. */
  segments: SegmentResult[];
}

/** Both sides share their lines (and so the segments); only the limits differ. */
export function tallyPlan(challenger: LineOutcomes, champion: LineOutcomes): PlanTotals {
  const groupings = DIMENSIONS.map(([dimension, keyOf]) => ({ dimension, ...segmentsOf([challenger.moving, challenger.kept], keyOf) }));
  const a = sumSide(challenger, groupings);
  const b = sumSide(champion, groupings);
  const segments = groupings.flatMap(({ dimension, keys }, d) =>
    keys.map((key, g): SegmentResult => ({ dimension, key, challenger: finish(a.bySegment[d]![g]!), champion: finish(b.bySegment[d]![g]!) })),
  );
  segments.sort((x, y) => byCodePoint(x.dimension, y.dimension) || byCodePoint(x.key, y.key));
  return { challenger: finish(a.all), champion: finish(b.all), segments };
}
