import type { Minor } from '@jc/domain';
import type { CompiledPortfolio } from './compile';
import { emptyOutcome } from './economics';
import { MarginalChains } from './marginal-chains';
import { budgetScratch } from './lagrangian';
import { solveSteps, withLimits, type CompiledSolution, type SolvedSteps, type SolverOptions } from './solve-compiled';
import type { ProgressCallback } from './types';

/** What the expected-loss cap did to a solution (README, "Expected-loss cap"). */
export interface LossCapOutcome {
  /** The cap asked for: the most Σ EL of every line may reach, rounded to whole fen as reported. */
  max: Minor;
  /** EL with every line on its floor: no allocation goes lower, so a smaller cap is infeasible. */
  floor: Minor;
  /** μ: annual profit given up per unit of EL avoided at the optimum; 0 when slack, ∞ when infeasible. */
  shadowPrice: number;
  /**
   * Upper bound (fen a year) on how much more profit the best allocation under exactly this cap could
   * earn: μ × the cap left unused. The solution is exactly optimal for a cap equal to its own EL.
   */
  gapBound: number;
  searchIterations: number;
}

/**
 * The expected loss each grid step adds, in the same closed form as its marginal profit (the balance
 * grows by the same geometric sequence):  e(j, k) = gain_j·exp(−(offset_j + (k−1)·stride_j)) + cost_j
 * with gain = PD·LGD·(1 − ccfLoss)·Δbalance of the first step and cost = PD·LGD·ccfLoss·step.
 * They are worked out afresh for each chain penalised rather than kept: at a million customers two
 * more arrays of every chain cost more (page faults, and a full collection of the heap by V8 for
 * every few such arrays) than the arithmetic does.
 */
class StepLoss {
  private readonly rates: { lgd: number; ccfLoss: number }[];

  constructor(private readonly c: CompiledPortfolio) {
    this.rates = [c.lines.lossRates(0), c.lines.lossRates(1)];
  }

  /**
   * The chains of profit − μ·EL per step, written into `into`: of the `customers` given, or of all.
   * Still a decreasing geometric sequence (or never positive), so the budget solver stays exact for
   * any fixed μ.
   */
  penalise(base: MarginalChains, mu: number, into: { gain: Float64Array; cost: Float64Array }, customers?: Int32Array): MarginalChains {
    if (customers) {
      for (let m = 0; m < customers.length; m++) {
        const i = customers[m] as number;
        this.penaliseChain(base, mu, into, 2 * i);
        this.penaliseChain(base, mu, into, 2 * i + 1);
      }
    } else {
      for (let j = 0; j < base.length; j++) this.penaliseChain(base, mu, into, j);
    }
    return new MarginalChains(into.gain, base.offset, base.stride, into.cost);
  }

  private penaliseChain(base: MarginalChains, mu: number, into: { gain: Float64Array; cost: Float64Array }, j: number): void {
    const { lgd, ccfLoss } = this.rates[j & 1]!;
    const { pd, amplitude, kappa } = this.c.lines;
    const step = this.c.step;
    const pdLgd = (pd[j] as number) * lgd;
    const gain = pdLgd * (1 - ccfLoss) * (amplitude[j] as number) * -Math.expm1(-step / (kappa[j] as number));
    const cost = pdLgd * ccfLoss * step;
    into.gain[j] = (base.gain[j] as number) - mu * gain;
    into.cost[j] = (base.cost[j] as number) + mu * cost;
  }
}

/** Expected loss and profit of every line on its floor, and of a solution's steps on top of that. */
class Totals {
  readonly floorLoss: number;
  readonly floorProfit: number;
  private readonly o = emptyOutcome();

  constructor(private readonly c: CompiledPortfolio) {
    let loss = 0;
    let profit = 0;
    for (let j = 0; j < 2 * c.size; j++) {
      const out = c.lines.outcome(j, c.lo[j] as number, this.o);
      loss += out.expectedLoss;
      profit += out.profit;
    }
    this.floorLoss = loss;
    this.floorProfit = profit;
  }

  /** The totals once the `customers` (ascending; the only ones that may step) take the steps `taken`. */
  of(taken: Int32Array, customers: Int32Array): { loss: number; profit: number } {
    const sums = { loss: this.floorLoss, profit: this.floorProfit };
    for (let m = 0; m < customers.length; m++) {
      const i = customers[m] as number;
      this.addSteps(sums, 2 * i, taken[2 * i] as number);
      this.addSteps(sums, 2 * i + 1, taken[2 * i + 1] as number);
    }
    return sums;
  }

  private addSteps(sums: { loss: number; profit: number }, j: number, k: number): void {
    if (k === 0) return;
    const lo = this.c.lo[j] as number;
    let out = this.c.lines.outcome(j, lo, this.o);
    sums.loss -= out.expectedLoss;
    sums.profit -= out.profit;
    out = this.c.lines.outcome(j, lo + k * this.c.step, this.o);
    sums.loss += out.expectedLoss;
    sums.profit += out.profit;
  }
}

function profitableCustomers(c: CompiledPortfolio): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < c.size; i++) {
    if (c.chains.countAbove(2 * i, c.steps[2 * i] as number, 0) + c.chains.countAbove(2 * i + 1, c.steps[2 * i + 1] as number, 0) > 0) out.push(i);
  }
  return Int32Array.from(out);
}

interface Trial {
  mu: number;
  solution: SolvedSteps;
  loss: number;
  profit: number;
}

/** Stop once the cap's unused part can be worth at most this share of the profit. */
const GAP_TOLERANCE = 1e-6;
const MAX_SEARCH = 60;
/** 8^40 ≈ 1e36 times the first trial price: beyond any profit a step could earn per fen of loss. */
const MAX_WIDENING = 40;

/**
 * Maximises expected profit under the exposure budget(s) and Σ EL ≤ maxLoss by a second Lagrange
 * multiplier μ on EL: for a fixed μ the budget solver finds the exact optimum of profit − μ·EL, and
 * that solution's EL never rises with μ, so μ is searched (regula falsi, Illinois variant, inside a
 * bracket) for the smallest one whose EL fits. Each trial is exactly optimal for a cap equal to its
 * own EL; `gapBound` says how far that can be from the optimum under the cap asked for.
 */
export function solveUnderLossCap(
  c: CompiledPortfolio,
  budget: Minor,
  maxLoss: Minor,
  segmentBudgets: Record<string, Minor> = {},
  onProgress?: ProgressCallback,
  options: SolverOptions = {},
): CompiledSolution {
  const steps = new StepLoss(c);
  const totals = new Totals(c);
  // the cap is in whole fen and so is the EL reported: a loss fits when it rounds to at most the cap
  const limit = maxLoss + 0.5;
  const fits = (t: Trial) => t.loss < limit;
  const buffer = { gain: new Float64Array(2 * c.size), cost: new Float64Array(2 * c.size) };
  // a step's value only falls as μ rises, so no one without a profitable step ever takes one
  const candidates = profitableCustomers(c);
  const scratch = options.scratch ?? budgetScratch(c.size);
  // of all the trials only the best that fits so far (`hi`) is read again: two arrays of steps take turns
  const takenBuffers = [new Int32Array(2 * c.size), new Int32Array(2 * c.size)] as const;
  let hi: Trial | null = null;
  let iterations = 0;
  const trial = (mu: number): Trial => {
    // a solve reads only the candidates' chains
    const chains = mu === 0 ? c.chains : steps.penalise(c.chains, mu, buffer, candidates);
    const taken = hi?.solution.taken === takenBuffers[0] ? takenBuffers[1] : takenBuffers[0];
    const solution = solveSteps({ ...c, chains }, budget, segmentBudgets, undefined, { ...options, candidates, scratch, taken: taken.fill(0) });
    iterations++;
    onProgress?.({ phase: 'expected-loss', done: Math.min(1, iterations / 20), iteration: iterations, lossPrice: mu });
    return { mu, solution, ...totals.of(solution.taken, candidates) };
  };
  const outcome = (t: Trial, shadowPrice: number, gapBound: number): CompiledSolution => {
    // the search wrote later trials into the shared buffer, and only the candidates' chains: this
    // trial's own chains for every line, for its reasons
    const chains = t.mu === 0 || !Number.isFinite(t.mu) ? c.chains : steps.penalise(c.chains, t.mu, buffer);
    return { ...withLimits(c, t.solution), chains, lossCap: { max: maxLoss, floor: Math.round(totals.floorLoss), shadowPrice, gapBound, searchIterations: iterations } };
  };

  const free = trial(0);
  if (free.solution.status !== 'OPTIMAL' || fits(free)) return outcome(free, 0, 0);
  // every line on its floor: the least loss there is, reached only as μ → ∞
  const atFloors = (status: CompiledSolution['status']): Trial => ({
    mu: Infinity,
    solution: { ...free.solution, status, taken: new Int32Array(2 * c.size) },
    loss: totals.floorLoss,
    profit: totals.floorProfit,
  });
  if (totals.floorLoss >= limit) return outcome(atFloors('LOSS_CAP_BELOW_FLOOR'), Infinity, 0);

  let lo = free;
  hi = trial(1);
  for (let widen = 0; !fits(hi) && widen < MAX_WIDENING; widen++) {
    lo = hi;
    hi = trial(hi.mu * 8);
  }
  // only lines of PD 0 add no loss, so a large enough μ always fits; this guards the arithmetic
  if (!fits(hi)) hi = atFloors('OPTIMAL');
  // f(μ) = EL(μ) − cap: positive at lo, not positive at hi; Illinois halves the stale end's weight
  let fLo = lo.loss - limit;
  let fHi = hi.loss - limit;
  let side = 0;
  while (iterations < MAX_SEARCH && Number.isFinite(hi.mu) && hi.mu * (limit - hi.loss) > GAP_TOLERANCE * Math.abs(hi.profit)) {
    let mu = (lo.mu * fHi - hi.mu * fLo) / (fHi - fLo);
    if (!(mu > lo.mu && mu < hi.mu)) mu = (lo.mu + hi.mu) / 2;
    if (mu <= lo.mu || mu >= hi.mu) break;
    const t = trial(mu);
    if (!fits(t)) {
      lo = t;
      fLo = t.loss - limit;
      if (side === -1) fHi /= 2;
      side = -1;
    } else {
      hi = t;
      fHi = t.loss - limit;
      if (side === 1) fLo /= 2;
      side = 1;
    }
  }
  return outcome(hi, hi.mu, Number.isFinite(hi.mu) ? hi.mu * (limit - hi.loss) : 0);
}
