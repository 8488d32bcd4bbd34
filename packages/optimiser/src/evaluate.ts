import type { CompiledPortfolio } from './compile';
import { emptyOutcome, type LineOutcome } from './economics';
import type { PortfolioTotals } from './types';

/** Whole fen for records; `+ 0` turns −0 into 0. */
export const toMinor = (value: number): number => Math.round(value) + 0;

/** Running sums of lines' expected figures, so one pass over the lines can feed several totals. */
export class TotalsAccumulator {
  private objective = 0;
  private expectedLoss = 0;
  private expectedBalance = 0;
  private ead = 0;
  private limits = 0;
  private lines = 0;
  private up = 0;
  private down = 0;

  add(o: LineOutcome, limit: number, current: number): void {
    this.objective += o.profit;
    this.expectedLoss += o.expectedLoss;
    this.expectedBalance += o.balance;
    this.ead += o.ead;
    this.limits += limit;
    this.lines++;
    if (limit > current) this.up++;
    else if (limit < current) this.down++;
  }

  /** `exposure` overrides the sum of limits, for "before" figures where the joint limit may bind. */
  totals(exposure?: number): PortfolioTotals {
    return {
      objective: this.objective,
      expectedProfit: toMinor(this.objective),
      expectedLoss: toMinor(this.expectedLoss),
      expectedBalance: toMinor(this.expectedBalance),
      ead: toMinor(this.ead),
      exposure: toMinor(exposure ?? this.limits),
      linesUp: this.up,
      linesDown: this.down,
      linesUnchanged: this.lines - this.up - this.down,
    };
  }
}

/**
 * Expected annual totals for any assignment of limits (one per chain, index 2i + product); exposure
 * is their sum less the sub-limits' overlap within the joint limits, unless given.
 */
export function evaluateLimits(c: CompiledPortfolio, limits: Float64Array, exposure?: number): PortfolioTotals {
  const sums = new TotalsAccumulator();
  const o = emptyOutcome();
  let total = 0;
  for (let j = 0; j < limits.length; j++) {
    const limit = limits[j] as number;
    total += (j & 1) === 0 ? limit - (c.overlap[j >> 1] as number) : limit;
    sums.add(c.lines.outcome(j, limit, o), limit, c.current[j] as number);
  }
  return sums.totals(exposure ?? total);
}

export function totalCurrentExposure(c: CompiledPortfolio): number {
  let total = 0;
  for (let i = 0; i < c.size; i++) total += c.currentExposure[i] as number;
  return total;
}
