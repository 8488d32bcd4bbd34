import type { MarginalChains } from './marginal-chains';
import type { ProgressCallback } from './types';

/** One budget problem over a set of customers, in units of grid steps above the floors. */
export interface BudgetProblem {
  chains: MarginalChains;
  /** Steps available per chain (index 2i + product). */
  steps: Int32Array;
  /** Steps allowed per customer across both chains. */
  capSteps: Int32Array;
  /** Customers taking part, ascending. */
  members: Int32Array;
  /** Steps the budget allows above the members' floors; negative when the floors exceed it. */
  budgetSteps: number;
  /** Stop bisecting once at most this many candidate steps separate the bracket's two prices. */
  fillLimit?: number;
}

export interface BudgetSolution {
  /** Steps taken per chain; entries of non-members are left at 0. */
  taken: Int32Array;
  /** Critical marginal profit per step (λ·step); 0 when the budget is slack, ∞ when infeasible. */
  stepPrice: number;
  selectedSteps: number;
  feasible: boolean;
  iterations: number;
}

/** 0, 1, …, n − 1; a plain loop, since `Int32Array.from` with a map function is slow at a million. */
export function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) out[k] = k;
  return out;
}

/**
 * Each customer's takes at the bracket's low and high prices, written afresh for the members of
 * every solve. A caller solving many times over one portfolio passes the same buffers each time:
 * fresh arrays a million long cost page faults, and V8 counts their memory towards its full
 * collections.
 */
export interface BudgetScratch {
  loA: Int32Array;
  loB: Int32Array;
  hiA: Int32Array;
  hiB: Int32Array;
}

export const budgetScratch = (size: number): BudgetScratch => ({ loA: new Int32Array(size), loB: new Int32Array(size), hiA: new Int32Array(size), hiB: new Int32Array(size) });

/** Below this many candidate steps between the two bracket prices, sorting them beats bisecting. */
export const DEFAULT_FILL_LIMIT = 1 << 15;
const MAX_ITERATIONS = 200;

/**
 * Per customer, the solution at price t is the best min(cap, #steps worth more than t) steps of
 * its two chains. Those are prefixes of one fixed per-customer ranking, so solutions at
 * different prices are nested and the total is non-increasing in t.
 */
function selectAt(p: BudgetProblem, price: number, takeA: Int32Array, takeB: Int32Array): number {
  const { chains, steps, capSteps, members } = p;
  let total = 0;
  for (let m = 0; m < members.length; m++) {
    const i = members[m] as number;
    const ja = 2 * i;
    const jb = ja + 1;
    let a = chains.countAbove(ja, steps[ja] as number, price);
    let b = chains.countAbove(jb, steps[jb] as number, price);
    const cap = capSteps[i] as number;
    if (a + b > cap) {
      a = chains.splitTop(ja, jb, a, b, cap);
      b = cap - a;
    }
    takeA[i] = a;
    takeB[i] = b;
    total += a + b;
  }
  return total;
}

/**
 * Maximises Σ profit − λ·exposure by bisection on λ, then spends what budget the bracket's upper
 * price leaves by taking the bracket's candidate steps best first (ties: lower customer index,
 * then that customer's own order). Greedy over a laminar family of caps is optimal, so the result
 * is the exact optimum on the grid, not just within a step. The steps are written into `taken`,
 * which a caller solving many times may pass in, all zero.
 */
export function solveBudget(p: BudgetProblem, onProgress?: ProgressCallback, scratch = budgetScratch(p.capSteps.length), taken: Int32Array = new Int32Array(2 * p.capSteps.length)): BudgetSolution {
  if (p.budgetSteps < 0) return { taken, stepPrice: Infinity, selectedSteps: 0, feasible: false, iterations: 0 };

  const { loA, loB } = scratch;
  const nLo = selectAt(p, 0, loA, loB);
  if (nLo <= p.budgetSteps) return finish(p, taken, loA, loB, 0, nLo, 0);
  return bisect({ ...p, members: takingMembers(p.members, loA, loB) }, taken, scratch, nLo, onProgress);
}

/**
 * The members that take a step at price 0. Takes only shrink as the price rises, so the others
 * take nothing at any price the bisection tries, and leaving them out of every pass is exact: on a
 * typical book most lines have no step worth taking even for free.
 */
function takingMembers(members: Int32Array, a: Int32Array, b: Int32Array): Int32Array {
  let count = 0;
  for (let m = 0; m < members.length; m++) {
    const i = members[m] as number;
    if ((a[i] as number) + (b[i] as number) > 0) count++;
  }
  const taking = new Int32Array(count);
  let n = 0;
  for (let m = 0; m < members.length; m++) {
    const i = members[m] as number;
    if ((a[i] as number) + (b[i] as number) > 0) taking[n++] = i;
  }
  return taking;
}

/** Bisection from the bracket [0, the best first step], then the tie fill; `loA`/`loB` hold the takes at price 0. */
function bisect(p: BudgetProblem, taken: Int32Array, { loA, loB, hiA, hiB }: BudgetScratch, nAtZero: number, onProgress?: ProgressCallback): BudgetSolution {
  let nLo = nAtZero;
  let tLo = 0;
  let tHi = 0;
  for (let m = 0; m < p.members.length; m++) {
    const i = p.members[m] as number;
    if ((p.steps[2 * i] as number) > 0) tHi = Math.max(tHi, p.chains.m(2 * i, 1));
    if ((p.steps[2 * i + 1] as number) > 0) tHi = Math.max(tHi, p.chains.m(2 * i + 1, 1));
  }
  let nHi = 0;
  let iterations = 0;
  const fillLimit = p.fillLimit ?? DEFAULT_FILL_LIMIT;
  while (nLo - nHi > fillLimit && iterations < MAX_ITERATIONS) {
    const mid = tLo + (tHi - tLo) / 2;
    if (mid <= tLo || mid >= tHi) break;
    iterations++;
    const n = selectAt(p, mid, hiA, hiB);
    if (n <= p.budgetSteps) {
      tHi = mid;
      nHi = n;
    } else {
      tLo = mid;
      nLo = n;
    }
    onProgress?.({ phase: 'bisect', done: Math.min(1, iterations / 60), iteration: iterations, stepPrice: mid, selectedSteps: n });
  }
  selectAt(p, tLo, loA, loB);
  nHi = selectAt(p, tHi, hiA, hiB);
  const { price, added } = fill(p, hiA, hiB, loA, loB, p.budgetSteps - nHi, tHi);
  onProgress?.({ phase: 'fill', done: 1, iteration: iterations, stepPrice: price, selectedSteps: nHi + added });
  return finish(p, taken, hiA, hiB, price, nHi + added, iterations);
}

function finish(p: BudgetProblem, taken: Int32Array, a: Int32Array, b: Int32Array, stepPrice: number, selectedSteps: number, iterations: number): BudgetSolution {
  for (let m = 0; m < p.members.length; m++) {
    const i = p.members[m] as number;
    taken[2 * i] = a[i] as number;
    taken[2 * i + 1] = b[i] as number;
  }
  return { taken, stepPrice, selectedSteps, feasible: true, iterations };
}

/**
 * Adds `remaining` of the steps that the low price selects and the high price does not, best
 * first, into (hiA, hiB). The price is the marginal value of the last step admitted.
 */
function fill(
  p: BudgetProblem,
  hiA: Int32Array,
  hiB: Int32Array,
  loA: Int32Array,
  loB: Int32Array,
  remaining: number,
  tHi: number,
): { price: number; added: number } {
  if (remaining <= 0) return { price: tHi, added: 0 };
  const { chains, members } = p;
  let total = 0;
  for (let m = 0; m < members.length; m++) {
    const i = members[m] as number;
    total += (loA[i] as number) + (loB[i] as number) - (hiA[i] as number) - (hiB[i] as number);
  }
  const customer = new Int32Array(total);
  const chainB = new Uint8Array(total);
  const value = new Float64Array(total);
  let n = 0;
  for (let m = 0; m < members.length; m++) {
    const i = members[m] as number;
    const ja = 2 * i;
    let a = hiA[i] as number;
    let b = hiB[i] as number;
    const endA = loA[i] as number;
    const endB = loB[i] as number;
    // The customer's own ranking: merge the two chains, ties to chain a (as splitTop does).
    let ma = a < endA ? chains.m(ja, a + 1) : -Infinity;
    let mb = b < endB ? chains.m(ja + 1, b + 1) : -Infinity;
    while (a < endA || b < endB) {
      const useA = a < endA && (b >= endB || ma >= mb);
      customer[n] = i;
      chainB[n] = useA ? 0 : 1;
      value[n] = useA ? ma : mb;
      n++;
      if (useA) ma = ++a < endA ? chains.m(ja, a + 1) : -Infinity;
      else mb = ++b < endB ? chains.m(ja + 1, b + 1) : -Infinity;
    }
  }
  const order = range(value.length);
  // Candidates were pushed by customer, then in each customer's own order: index breaks ties.
  order.sort((x, y) => (value[y] as number) - (value[x] as number) || x - y);
  const count = Math.min(remaining, order.length);
  let price = tHi;
  for (let r = 0; r < count; r++) {
    const k = order[r] as number;
    const i = customer[k] as number;
    if (chainB[k] === 0) hiA[i] = (hiA[i] as number) + 1;
    else hiB[i] = (hiB[i] as number) + 1;
    price = value[k] as number;
  }
  return { price, added: count };
}
