import type { Minor } from '@jc/domain';
import { floorExposureOf, type CompiledPortfolio } from './compile';
import { budgetScratch, range, solveBudget, type BudgetScratch } from './lagrangian';
import type { LossCapOutcome } from './loss-cap';
import type { MarginalChains } from './marginal-chains';
import type { OptimisationStatus, ProgressCallback } from './types';

export interface CompiledSolution extends SolvedSteps {
  /** New limit per chain (index 2i + product). */
  limits: Float64Array;
  /** The price per step each customer effectively faced: the larger of portfolio and segment. */
  customerStepPrice: Float64Array;
  lossCap?: LossCapOutcome;
}

/** A solution as the solver leaves it, before it is spelled out per line (`withLimits`). */
export interface SolvedSteps {
  status: OptimisationStatus;
  /** Steps taken above the floor per chain. */
  taken: Int32Array;
  /** λ·step the portfolio budget imposes; 0 when slack, ∞ when the floors exceed it. */
  stepPrice: number;
  segmentStepPrices: Record<string, number>;
  /** The price per step each customer's segment budget imposed (0 outside one); null without segment budgets. */
  segmentStepPriceOf: Float64Array | null;
  iterations: number;
  /** The marginal values the steps were chosen by: the profit's own, or profit − μ·EL under a loss cap. */
  chains: MarginalChains;
}

/**
 * Segment budgets nest inside the portfolio budget (customer ⊂ segment ⊂ portfolio is a laminar
 * family), so greedy stays optimal: solve each budgeted segment alone, then solve the portfolio
 * with every line restricted to what its segment's solution took. A step the segment rejected
 * would be rejected by the global greedy too; the portfolio budget only trims the union further.
 */
export interface SolverOptions {
  /** See `BudgetProblem.fillLimit`; tests set it low to force the bisection path. */
  fillLimit?: number;
  /**
   * Customers (ascending) that may take a step at all; the others stay on their floors, which still
   * count against the budgets. A caller solving many times over steps that only get worse (the
   * loss cap's search) passes the customers with a profitable step, and skips the rest each time.
   */
  candidates?: Int32Array;
  /** Working buffers for a caller that solves the same portfolio many times (see `BudgetScratch`). */
  scratch?: BudgetScratch;
  /** Where the portfolio's solve writes its steps, for such a caller; all zero, as a new array would be. */
  taken?: Int32Array;
}

export function solveCompiled(
  c: CompiledPortfolio,
  budget: Minor,
  segmentBudgets: Record<string, Minor> = {},
  onProgress?: ProgressCallback,
  options: SolverOptions = {},
): CompiledSolution {
  return withLimits(c, solveSteps(c, budget, segmentBudgets, onProgress, options));
}

/** `solveCompiled` without the per-line arrays: for the loss cap's search, which keeps one solution of many. */
export function solveSteps(
  c: CompiledPortfolio,
  budget: Minor,
  segmentBudgets: Record<string, Minor> = {},
  onProgress?: ProgressCallback,
  options: SolverOptions = {},
): SolvedSteps {
  const { fillLimit, candidates } = options;
  const scratch = options.scratch ?? budgetScratch(c.size);
  let steps = c.steps;
  let capSteps = c.capSteps;
  let status: OptimisationStatus = 'OPTIMAL';
  let iterations = 0;
  const segmentStepPrices: Record<string, number> = {};
  let segmentStepPriceOf: Float64Array | null = null;

  const budgeted = c.segmentNames.map((name, s) => ({ name, s, budget: segmentBudgets[name] })).filter((x) => x.budget !== undefined);
  if (budgeted.length > 0) {
    const isCandidate = candidates ? maskOf(candidates, c.size) : null;
    steps = Int32Array.from(c.steps);
    capSteps = Int32Array.from(c.capSteps);
    segmentStepPriceOf = new Float64Array(c.size);
    const membersOf = groupBySegment(c);
    for (let n = 0; n < budgeted.length; n++) {
      const { name, s, budget: segmentBudget } = budgeted[n]!;
      const inSegment = membersOf[s]!;
      const members = isCandidate ? inSegment.filter((i) => isCandidate[i] === 1) : inSegment;
      const sol = solveBudget({ chains: c.chains, steps: c.steps, capSteps: c.capSteps, members, budgetSteps: budgetSteps(c, inSegment, segmentBudget as number), fillLimit }, undefined, scratch);
      if (!sol.feasible) status = 'BUDGET_BELOW_FLOOR';
      iterations += sol.iterations;
      segmentStepPrices[name] = sol.stepPrice;
      for (const i of members) {
        steps[2 * i] = sol.taken[2 * i] as number;
        steps[2 * i + 1] = sol.taken[2 * i + 1] as number;
        capSteps[i] = (sol.taken[2 * i] as number) + (sol.taken[2 * i + 1] as number);
        segmentStepPriceOf[i] = sol.stepPrice;
      }
      onProgress?.({ phase: 'segments', done: (n + 1) / budgeted.length });
    }
  }

  // the portfolio budget covers every customer's floors, candidate or not, and their sum is compiled
  const sol = solveBudget({ chains: c.chains, steps, capSteps, members: candidates ?? range(c.size), budgetSteps: stepsAbove(c, c.floorExposure, budget), fillLimit }, onProgress, scratch, options.taken);
  if (!sol.feasible) status = 'BUDGET_BELOW_FLOOR';
  iterations += sol.iterations;
  return { status, taken: sol.taken, stepPrice: sol.stepPrice, segmentStepPrices, segmentStepPriceOf, iterations, chains: c.chains };
}

/** The limits a solution takes, and the price per step each customer faced: the larger of portfolio and segment. */
export function withLimits(c: CompiledPortfolio, s: SolvedSteps): CompiledSolution {
  const limits = new Float64Array(2 * c.size);
  for (let j = 0; j < limits.length; j++) limits[j] = (c.lo[j] as number) + (s.taken[j] as number) * c.step;
  const customerStepPrice = s.segmentStepPriceOf ? Float64Array.from(s.segmentStepPriceOf) : new Float64Array(c.size);
  for (let i = 0; i < c.size; i++) customerStepPrice[i] = Math.max(customerStepPrice[i] as number, s.stepPrice);
  return { ...s, limits, customerStepPrice };
}

function maskOf(members: Int32Array, size: number): Uint8Array {
  const mask = new Uint8Array(size);
  for (const i of members) mask[i] = 1;
  return mask;
}

function groupBySegment(c: CompiledPortfolio): Int32Array[] {
  const counts = new Int32Array(c.segmentNames.length);
  for (let i = 0; i < c.size; i++) {
    const s = c.segmentOf[i] as number;
    if (s >= 0) counts[s] = (counts[s] as number) + 1;
  }
  const groups = Array.from(counts, (n) => new Int32Array(n));
  const fillAt = new Int32Array(c.segmentNames.length);
  for (let i = 0; i < c.size; i++) {
    const s = c.segmentOf[i] as number;
    if (s < 0) continue;
    groups[s]![fillAt[s] as number] = i;
    fillAt[s] = (fillAt[s] as number) + 1;
  }
  return groups;
}

/** Whole steps of headroom a budget leaves above the members' floors (negative if none). */
function budgetSteps(c: CompiledPortfolio, members: Int32Array, budget: number): number {
  let floor = 0;
  for (const i of members) floor += floorExposureOf(c, i);
  return stepsAbove(c, floor, budget);
}

const stepsAbove = (c: CompiledPortfolio, floor: number, budget: number): number => Math.floor((budget - floor) / c.step);
