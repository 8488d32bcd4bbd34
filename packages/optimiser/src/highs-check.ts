import type { Highs } from 'highs';
import type { StepLp } from './step-lp';
import { toCplexLp } from './step-lp';

export interface HighsResult {
  status: string;
  /** LP optimum plus the floor profit: comparable with the optimiser's objective. */
  objective: number;
  /** Primal value per column. */
  x: Float64Array;
  buildMs: number;
  solveMs: number;
}

export type HighsFormat = 'lp-text' | 'csc';

let runtime: Promise<Highs> | undefined;

/**
 * One WebAssembly instance per process, loaded on first use so that importing the optimiser
 * never pulls the solver into a service that only allocates limits.
 */
export function highsRuntime(): Promise<Highs> {
  if (!runtime) {
    // require, not import(): jest's CommonJS sandbox cannot run dynamic imports.
    const load = (require('highs') as { default: () => Promise<Highs> }).default;
    runtime = load();
  }
  return runtime;
}

/**
 * Interior point without presolve: on this LP (one dense budget row over every column) HiGHS's
 * presolve and simplex are orders of magnitude slower on this build (measured: 20,000 columns,
 * 13 s with presolve, 0.9 s without). Crossover stays on so the answer is a vertex.
 */
const OPTIONS = { output_flag: false, presolve: 'off', solver: 'ipm' } as const;

/**
 * Solves the step LP with HiGHS, either from CPLEX LP text through `highs.solve()` (the
 * compatibility API) or from CSC arrays through a persistent model (no text to write or parse,
 * which matters at millions of columns).
 */
export async function solveStepLpWithHighs(lp: StepLp, format: HighsFormat = 'csc'): Promise<HighsResult> {
  const highs = await highsRuntime();
  const t0 = performance.now();
  if (format === 'lp-text') {
    const text = toCplexLp(lp);
    const t1 = performance.now();
    const solution = highs.solve(text, OPTIONS);
    const solveMs = performance.now() - t1;
    const x = new Float64Array(lp.numCols);
    if (solution.Status === 'Optimal') {
      for (const [name, column] of Object.entries(solution.Columns)) {
        const col = Number(name.slice(1));
        if (col < lp.numCols) x[col] = column.Primal;
      }
    }
    return { status: solution.Status, objective: solution.ObjectiveValue + lp.offset, x, buildMs: t1 - t0, solveMs };
  }
  const model = highs.createModel({
    numCols: lp.numCols,
    numRows: lp.numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: lp.colCost,
    colLower: new Float64Array(lp.numCols),
    colUpper: new Float64Array(lp.numCols).fill(1),
    rowLower: new Float64Array(lp.numRows).fill(-highs.infinity),
    rowUpper: lp.rowUpper,
    matrix: { format: 'csc', numRows: lp.numRows, numCols: lp.numCols, starts: lp.starts, indices: lp.indices, values: lp.values },
  });
  try {
    model.options.set(OPTIONS);
    const t1 = performance.now();
    model.run();
    const solveMs = performance.now() - t1;
    const statusCode = model.getModelStatus();
    const status = statusCode === highs.constants.modelStatus.optimal ? 'Optimal' : `status ${String(statusCode)}`;
    const x = status === 'Optimal' ? Float64Array.from(model.getSolution().colValue) : new Float64Array(lp.numCols);
    return { status, objective: model.getObjectiveValue() + lp.offset, x, buildMs: t1 - t0, solveMs };
  } finally {
    model.dispose();
  }
}
