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

/** What each line (moving, then kept) contributes on one side; typed arrays, as a book has a million lines. */
interface LineFigures {
  exposure: Float64Array;
  profit: Float64Array;
  loss: Float64Array;
  /** -1 any limit lowered, 1 raised, 0 unchanged */
  move: Int8Array;
}

function lineFigures(o: LineOutcomes): LineFigures {
  const n = o.moving.length + o.kept.length;
  const f: LineFigures = { exposure: new Float64Array(n), profit: new Float64Array(n), loss: new Float64Array(n), move: new Int8Array(n) };
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
    f.exposure[i] = Math.min(joint, cash + pay);
    f.profit[i] = a.profit + b.profit;
    f.loss[i] = a.expectedLoss + b.expectedLoss;
    f.move[i] = lowered ? -1 : raised ? 1 : 0;
  });
  o.kept.forEach((l, k) => (f.exposure[o.moving.length + k] = exposureOf(l)));
  return f;
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

/** Sums of the lines per group, `groupOf[line]` naming the line's group among `groups`. */
function sumByGroup(f: LineFigures, groupOf: Int32Array | null, groups: number): Sums[] {
  const sums = Array.from({ length: groups }, empty);
  for (let i = 0; i < f.move.length; i++) {
    const s = sums[groupOf ? (groupOf[i] as number) : 0]!;
    s.lines += 1;
    s.exposure += f.exposure[i] as number;
    s.profit += f.profit[i] as number;
    s.loss += f.loss[i] as number;
    if ((f.move[i] as number) > 0) s.raised += 1;
    if ((f.move[i] as number) < 0) s.lowered += 1;
  }
  return sums;
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
    for (const l of part) {
      const key = keyOf(l);
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

/** Both sides share their lines (and so the segments); only the limits differ. Each line's P&L is worked out once per side. */
export function tallyPlan(challenger: LineOutcomes, champion: LineOutcomes): PlanTotals {
  const a = lineFigures(challenger);
  const b = lineFigures(champion);
  const segments: SegmentResult[] = [];
  for (const [dimension, keyOf] of DIMENSIONS) {
    const { keys, groupOf } = segmentsOf([challenger.moving, challenger.kept], keyOf);
    const sa = sumByGroup(a, groupOf, keys.length);
    const sb = sumByGroup(b, groupOf, keys.length);
    keys.forEach((key, g) => segments.push({ dimension, key, challenger: finish(sa[g]!), champion: finish(sb[g]!) }));
  }
  segments.sort((x, y) => byCodePoint(x.dimension, y.dimension) || byCodePoint(x.key, y.key));
  return { challenger: finish(sumByGroup(a, null, 1)[0]!), champion: finish(sumByGroup(b, null, 1)[0]!), segments };
}
