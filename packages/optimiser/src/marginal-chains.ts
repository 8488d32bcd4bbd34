/**
 * The marginal profit of each grid step of every line, in closed form. For chain j (customer
 * i = j >> 1, product j & 1: 0 cash loan, 1 pay later) step k (k ≥ 1) raises the limit from
 * lo + (k−1)·step to lo + k·step and is worth
 *
 *   m(j, k) = gain_j · exp(−(offset_j + (k−1)·stride_j)) − cost_j
 *
 * (README, "Marginal profit of a step"). With gain ≥ 0 this strictly decreases in k, which is
 * what makes greedy selection and counting by a logarithm exact. Any k, including k ≤ 0 or
 * beyond the chain, is defined: the reasons use the steps just outside the grid.
 */
export class MarginalChains {
  constructor(
    readonly gain: Float64Array,
    readonly offset: Float64Array,
    readonly stride: Float64Array,
    readonly cost: Float64Array,
  ) {}

  get length(): number {
    return this.gain.length;
  }

  m(j: number, k: number): number {
    return (this.gain[j] as number) * Math.exp(-((this.offset[j] as number) + (k - 1) * (this.stride[j] as number))) - (this.cost[j] as number);
  }

  /** Number of the first `n` steps of chain j worth strictly more than `price` (price ≥ 0). */
  countAbove(j: number, n: number, price: number): number {
    if (n <= 0) return 0;
    const gain = this.gain[j] as number;
    if (gain <= 0) return 0;
    const threshold = price + (this.cost[j] as number);
    if (threshold <= 0) return n;
    const x = (Math.log(gain / threshold) - (this.offset[j] as number)) / (this.stride[j] as number);
    let count = x <= 0 ? 0 : x >= n ? n : Math.ceil(x);
    // The logarithm can be off by one at a boundary; m() is the single source of truth.
    while (count > 0 && !(this.m(j, count) > price)) count--;
    while (count < n && this.m(j, count + 1) > price) count++;
    return count;
  }

  /**
   * How many of the best `cap` steps of the union of chain a's first `na` steps and chain b's
   * first `nb` steps come from chain a. Ties go to chain a, the same order `mergeOrder` uses.
   */
  splitTop(a: number, b: number, na: number, nb: number, cap: number): number {
    let lo = Math.max(0, cap - nb);
    let hi = Math.min(na, cap);
    // Largest k in [lo, hi] whose k-th step of a beats the (cap−k+1)-th step of b.
    while (lo < hi) {
      const k = (lo + hi + 1) >> 1;
      if (this.m(a, k) >= this.m(b, cap - k + 1)) lo = k;
      else hi = k - 1;
    }
    return lo;
  }
}
