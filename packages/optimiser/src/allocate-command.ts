import { parseMoney, type Minor } from '@jc/domain';
import { reportFailure } from './allocate-failure';
import { OptimiserInputError } from './errors';
import { buildStepLp } from './step-lp';
import { solveStepLpWithHighs } from './highs-check';
import { optimisePortfolio, prepare } from './optimise';
import { runRuleBaseline } from './rule-baseline';
import { currentTotalLimits, generatePortfolio } from './synthetic';

export const ALLOCATE_USAGE =
  'usage: npm run allocate -- --customers N --budget <CNY amount | P%> [--seed S] [--loss-at-most-rule] [--compare-highs]\n' +
  '  --budget 250000000.00 is an amount in CNY; --budget 90% is a share of the portfolio\'s current sub-limits\n' +
  '  --loss-at-most-rule holds the optimum to no more expected loss than the rule baseline';

export interface AllocateIo {
  out(line: string): void;
  err(line: string): void;
}

export interface AllocateOptions {
  /** Print the stack of an unexpected failure after its one-line message. */
  withStack?: boolean;
}

interface AllocateArgs {
  customers: number;
  budget: { amount: Minor } | { share: number };
  seed: number;
  compareHighs: boolean;
  lossAtMostRule: boolean;
}

export class AllocateUsageError extends Error {}

const WHOLE = /^\d{1,16}$/;
const PERCENT = /^\d{1,4}(\.\d{1,4})?%$/;
const MAX_SEED = 0xffff_ffff;

export function parseAllocateArgs(argv: readonly string[]): AllocateArgs {
  const values = new Map<string, string>();
  let compareHighs = false;
  let lossAtMostRule = false;
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    if (flag === '--compare-highs') compareHighs = true;
    else if (flag === '--loss-at-most-rule') lossAtMostRule = true;
    else if (['--customers', '--budget', '--seed'].includes(flag) && argv[i + 1] !== undefined) {
      if (values.has(flag)) throw new AllocateUsageError(`${flag} is given more than once`);
      values.set(flag, argv[(i += 1)]!);
    } else throw new AllocateUsageError(`unknown or incomplete argument "${flag}"`);
  }
  // Number() would take "0x10", "1e1" or "" (0): whole numbers are written in plain digits here
  const customersText = values.get('--customers') ?? '';
  const customers = WHOLE.test(customersText) ? Number(customersText) : NaN;
  if (!Number.isInteger(customers) || customers < 1 || customers > 5_000_000) throw new AllocateUsageError('--customers must be a whole number from 1 to 5,000,000');
  const budgetText = values.get('--budget');
  if (!budgetText) throw new AllocateUsageError('--budget is required');
  let budget: AllocateArgs['budget'];
  if (budgetText.endsWith('%')) {
    const share = PERCENT.test(budgetText) ? Number(budgetText.slice(0, -1)) / 100 : NaN;
    if (!Number.isFinite(share) || share <= 0 || share > 10) throw new AllocateUsageError('--budget as a share must be between 0% and 1000%');
    budget = { share };
  } else {
    try {
      budget = { amount: parseMoney(budgetText) };
    } catch {
      throw new AllocateUsageError(`--budget "${budgetText}" is neither a CNY amount nor a percentage`);
    }
    if (budget.amount < 0) throw new AllocateUsageError('--budget must not be negative');
  }
  const seedText = values.get('--seed') ?? '1';
  // the generator keeps 32 bits of the seed, so larger or negative seeds would repeat smaller ones
  const seed = WHOLE.test(seedText) ? Number(seedText) : NaN;
  if (!Number.isInteger(seed) || seed > MAX_SEED) throw new AllocateUsageError(`--seed must be a whole number from 0 to ${MAX_SEED}`);
  return { customers, budget, seed, compareHighs, lossAtMostRule };
}

const seconds = (ms: number) => Math.round(ms) / 1000;

const PROGRESS_INTERVAL_MS = 1_000;

/** Prints each phase's start and end once, and its progress at most every PROGRESS_INTERVAL_MS between. */
function progressPrinter(io: AllocateIo): (phase: string, done: number) => void {
  const finished = new Set<string>();
  let phase = '';
  let printedAt = 0;
  return (next, done) => {
    if (finished.has(next)) return;
    const now = performance.now();
    if (next !== phase || done === 1 || now - printedAt >= PROGRESS_INTERVAL_MS) {
      io.err(`  ${next} ${(done * 100).toFixed(0)}%`);
      printedAt = now;
    }
    phase = next;
    if (done === 1) finished.add(next);
  };
}

/**
 * Optimises the limits of a simulated portfolio under an exposure budget, compares it with the
 * rule baseline (and HiGHS on request), and prints one JSON summary as its last line. Returns the
 * exit code: 0 done, 1 a failure while running, 2 bad usage; every failure is one `allocate: ` line.
 */
export async function runAllocate(argv: readonly string[], io: AllocateIo, options: AllocateOptions = {}): Promise<number> {
  let args: AllocateArgs;
  try {
    args = parseAllocateArgs(argv);
  } catch (err) {
    io.err(`allocate: ${(err as Error).message}`);
    io.err(ALLOCATE_USAGE);
    return 2;
  }
  try {
    return await allocate(args, io);
  } catch (err) {
    if (err instanceof OptimiserInputError) io.err(`allocate: invalid input: ${err.message}`);
    else reportFailure(err, io, options.withStack ?? false);
    return 1;
  }
}

async function allocate(args: AllocateArgs, io: AllocateIo): Promise<number> {
  io.err(`simulating ${args.customers} customers (seed ${args.seed}) ...`);
  const simulating = progressPrinter(io);
  const customers = generatePortfolio({ size: args.customers, seed: args.seed, onProgress: (done) => simulating('simulate', done) });
  const budget = 'amount' in args.budget ? args.budget.amount : Math.round(currentTotalLimits(customers) * args.budget.share);
  io.err('rule baseline ...');
  const ruling = progressPrinter(io);
  const rule = runRuleBaseline({ customers, budget, onProgress: (p) => ruling(p.phase, p.done) });
  io.err('optimiser ...');
  const optimising = progressPrinter(io);
  const started = performance.now();
  const result = optimisePortfolio({
    customers,
    budget,
    ...(args.lossAtMostRule ? { maxExpectedLoss: rule.after.expectedLoss } : {}),
    onProgress: (p) => optimising(p.phase, p.done),
  });
  const solveSeconds = seconds(performance.now() - started);
  if (result.status === 'BUDGET_BELOW_FLOOR') {
    io.err(`allocate: the budget ${(budget / 100).toFixed(2)} CNY is below what the portfolio cannot go under (drawn balances and policy floors): the minimum feasible budget is ${(result.floorExposure / 100).toFixed(2)} CNY`);
    return 1;
  }
  const summary: Record<string, unknown> = {
    customers: args.customers,
    seed: args.seed,
    budget: budget / 100,
    objective: result.after.objective / 100,
    expectedProfit: result.after.expectedProfit / 100,
    expectedLoss: result.after.expectedLoss / 100,
    exposure: result.after.exposure / 100,
    linesUp: result.after.linesUp,
    linesDown: result.after.linesDown,
    seconds: solveSeconds,
    ruleObjective: rule.after.objective / 100,
    ruleExpectedLoss: rule.after.expectedLoss / 100,
  };
  if (result.expectedLossCap) summary.expectedLossShadowPrice = result.expectedLossCap.shadowPrice;
  if (args.compareHighs) {
    io.err('HiGHS on the same piecewise-linear problem ...');
    const { compiled } = prepare({ customers, budget });
    const highs = await solveStepLpWithHighs(buildStepLp(compiled, budget, {}, false, result.expectedLossCap?.max), 'csc');
    summary.highsObjective = highs.objective / 100;
    summary.highsSeconds = seconds(highs.buildMs + highs.solveMs);
    summary.gap = (highs.objective - result.after.objective) / Math.abs(highs.objective);
  }
  io.out(JSON.stringify(summary));
  return 0;
}
