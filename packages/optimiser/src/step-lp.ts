import type { Minor } from '@jc/domain';
import { floorExposureOf, type CompiledPortfolio } from './compile';
import { emptyOutcome } from './economics';

/**
 * The same problem as an LP over incremental steps: x(j,k) ∈ [0,1] is how much of step k of line
 * j is granted, worth m(j,k) each. Because m decreases along a line the LP fills steps in order,
 * so it is exactly the piecewise-linear concave profit on the grid, relaxed only in allowing a
 * fraction of a step. Steps with m ≤ 0 are left out: no optimum grants them (the budget's price
 * is never negative), and dropping them keeps the LP small.
 */
export interface StepLp {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  /** CSC matrix: each column is in its customer's cap row (if any), the budget rows and the loss row (if capped). */
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  rowUpper: Float64Array;
  rowNames: string[];
  /** Profit with every line at its floor; the LP optimum plus this is total expected profit. */
  offset: number;
  /** Chain and step of each column, to map a solution back. */
  colChain: Int32Array;
  colStep: Int32Array;
}

/**
 * `wholeSteps` rounds each budget down to whole steps: the LP's constraint matrix is then an
 * interval (laminar) matrix with integral bounds, so its optimum is integral and must equal the
 * grid optimum exactly. Without it the LP may grant a fraction of one more step.
 */
export function buildStepLp(c: CompiledPortfolio, budget: Minor, segmentBudgets: Record<string, Minor> = {}, wholeSteps = false, maxExpectedLoss?: Minor): StepLp {
  const steps = (amount: number): number => (wholeSteps ? Math.floor(amount / c.step) : amount / c.step);
  let offset = 0;
  let floors = 0;
  let floorLoss = 0;
  const segFloor = new Float64Array(c.segmentNames.length);
  const positive = new Int32Array(2 * c.size);
  let numCols = 0;
  const o = emptyOutcome();
  for (let j = 0; j < 2 * c.size; j++) {
    const atFloor = c.lines.outcome(j, c.lo[j] as number, o);
    offset += atFloor.profit;
    floorLoss += atFloor.expectedLoss;
    if ((j & 1) === 0) {
      // a customer's exposure on its floors: both sub-limits less their overlap within the joint limit
      const i = j >> 1;
      const floor = floorExposureOf(c, i);
      floors += floor;
      const s = c.segmentOf[i] as number;
      if (s >= 0) segFloor[s] = (segFloor[s] as number) + floor;
    }
    positive[j] = c.chains.countAbove(j, c.steps[j] as number, 0);
    numCols += positive[j] as number;
  }

  const rowNames: string[] = [];
  const rowUpper: number[] = [];
  const capRow = new Int32Array(c.size).fill(-1);
  for (let i = 0; i < c.size; i++) {
    if ((positive[2 * i] as number) + (positive[2 * i + 1] as number) > (c.capSteps[i] as number)) {
      capRow[i] = rowNames.length;
      rowNames.push(`cap${i}`);
      rowUpper.push(c.capSteps[i] as number);
    }
  }
  const segRow = new Int32Array(c.segmentNames.length).fill(-1);
  c.segmentNames.forEach((name, s) => {
    const b = segmentBudgets[name];
    if (b === undefined) return;
    segRow[s] = rowNames.length;
    rowNames.push(`seg${s}`);
    rowUpper.push(steps(b - (segFloor[s] as number)));
  });
  const budgetRow = rowNames.length;
  rowNames.push('budget');
  rowUpper.push(steps(budget - floors));
  // a step's coefficient in the loss row is the expected loss it adds
  const lossRow = maxExpectedLoss === undefined ? -1 : rowNames.length;
  if (maxExpectedLoss !== undefined) {
    rowNames.push('loss');
    rowUpper.push(maxExpectedLoss - floorLoss);
  }

  const colCost = new Float64Array(numCols);
  const colChain = new Int32Array(numCols);
  const colStep = new Int32Array(numCols);
  const starts = new Int32Array(numCols + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const entry = (row: number, value = 1) => {
    indices.push(row);
    values.push(value);
  };
  let col = 0;
  for (let j = 0; j < 2 * c.size; j++) {
    const i = j >> 1;
    const s = c.segmentOf[i] as number;
    for (let k = 1; k <= (positive[j] as number); k++) {
      colCost[col] = c.chains.m(j, k);
      colChain[col] = j;
      colStep[col] = k;
      starts[col] = indices.length;
      if ((capRow[i] as number) >= 0) entry(capRow[i] as number);
      if (s >= 0 && (segRow[s] as number) >= 0) entry(segRow[s] as number);
      entry(budgetRow);
      if (lossRow >= 0) {
        const from = c.lines.outcome(j, (c.lo[j] as number) + (k - 1) * c.step, o).expectedLoss;
        entry(lossRow, c.lines.outcome(j, (c.lo[j] as number) + k * c.step, o).expectedLoss - from);
      }
      col++;
    }
  }
  starts[numCols] = indices.length;
  return {
    numCols,
    numRows: rowNames.length,
    colCost,
    starts,
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
    rowUpper: Float64Array.from(rowUpper),
    rowNames,
    offset,
    colChain,
    colStep,
  };
}

/** The LP in CPLEX LP format, for `highs.solve()` and for reading by eye on small instances. */
export function toCplexLp(lp: StepLp): string {
  const out: string[] = ['\\ Joint Credit step LP: maximise marginal profit of granted steps', 'Maximize', ' obj:'];
  let line = '';
  for (let col = 0; col < lp.numCols; col++) {
    const v = lp.colCost[col] as number;
    line += ` ${v < 0 ? '-' : '+'} ${Math.abs(v)} x${col}`;
    if (col % 8 === 7) {
      out.push(line);
      line = '';
    }
  }
  if (line) out.push(line);
  if (lp.numCols === 0) out.push(' 0 x0');
  out.push('Subject To');
  const rows: string[][] = Array.from({ length: lp.numRows }, () => []);
  for (let col = 0; col < lp.numCols; col++) {
    for (let e = lp.starts[col] as number; e < (lp.starts[col + 1] as number); e++) {
      const v = lp.values[e] as number;
      rows[lp.indices[e] as number]!.push(v === 1 ? `x${col}` : `${v} x${col}`);
    }
  }
  rows.forEach((vars, r) => {
    // Rows with no columns still go in, so the reader sees every constraint name.
    const terms = vars.length > 0 ? vars : ['0 x0'];
    out.push(` ${lp.rowNames[r]}:`);
    for (let t = 0; t < terms.length; t += 12) out.push(`  + ${terms.slice(t, t + 12).join(' + ')}`);
    out.push(`  <= ${lp.rowUpper[r]}`);
  });
  out.push('Bounds');
  for (let col = 0; col < lp.numCols; col++) out.push(` 0 <= x${col} <= 1`);
  out.push('End', '');
  return out.join('\n');
}
