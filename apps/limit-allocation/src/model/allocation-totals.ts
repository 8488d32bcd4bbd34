import type { Minor } from '@jc/domain';
import { lineOutcome, toMinor, type CompiledPortfolio } from '@jc/optimiser';
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

/** Adds every line to the sums of the groups `keysOf` names for it. */
function accumulate(o: LineOutcomes, keysOf: (l: AllocationLine) => string[]): Map<string, Sums> {
  const groups = new Map<string, Sums>();
  const add = (l: AllocationLine, exposure: number, profit: number, loss: number, move: -1 | 0 | 1) => {
    for (const key of keysOf(l)) {
      let s = groups.get(key);
      if (!s) groups.set(key, (s = empty()));
      s.lines += 1;
      s.exposure += exposure;
      s.profit += profit;
      s.loss += loss;
      if (move > 0) s.raised += 1;
      if (move < 0) s.lowered += 1;
    }
  };
  o.moving.forEach((l, i) => {
    const cash = o.limits[2 * i] as number;
    const pay = o.limits[2 * i + 1] as number;
    const a = lineOutcome(o.compiled.lines.at(2 * i), cash);
    const b = lineOutcome(o.compiled.lines.at(2 * i + 1), pay);
    const joint = cash + pay;
    const lowered = joint < l.jointLimit || cash < l.cashLoanLimit || pay < l.payLaterLimit;
    const raised = joint > l.jointLimit || cash > l.cashLoanLimit || pay > l.payLaterLimit;
    add(l, joint, a.profit + b.profit, a.expectedLoss + b.expectedLoss, lowered ? -1 : raised ? 1 : 0);
  });
  for (const l of o.kept) add(l, exposureOf(l), 0, 0, 0);
  return groups;
}

export function tallyTotals(o: LineOutcomes): AllocationTotals {
  return finish(accumulate(o, () => ['all']).get('all') ?? empty());
}

const DIMENSIONS: [SegmentDimension, (l: AllocationLine) => string][] = [
  ['TIER', (l) => l.tier],
  ['STAGE', stageOf],
  ['REGION', regionOf],
];

/** Per tier, stage and region, keys in order, challenger beside champion. */
export function tallySegments(challenger: LineOutcomes, champion: LineOutcomes): SegmentResult[] {
  const keysOf = (l: AllocationLine) => DIMENSIONS.map(([d, key]) => `${d}\u0000${key(l)}`);
  const a = accumulate(challenger, keysOf);
  const b = accumulate(champion, keysOf);
  return [...a.keys()]
    .sort()
    .map((k) => {
      const [dimension, key] = k.split('\u0000') as [SegmentDimension, string];
      return { dimension, key, challenger: finish(a.get(k)!), champion: finish(b.get(k) ?? empty()) };
    });
}
