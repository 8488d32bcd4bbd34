import type { CompiledPortfolio } from './compile';
import { lineOutcome } from './economics';
import type { PortfolioTotals } from './types';

/** Whole fen for records; `+ 0` turns −0 into 0. */
export const toMinor = (value: number): number => Math.round(value) + 0;

/**
 * Expected annual totals for any assignment of limits (one per chain, index 2i + product).
 * `exposure` overrides the sum of limits, for "before" figures where the joint limit may bind.
 */
export function evaluateLimits(c: CompiledPortfolio, limits: Float64Array, exposure?: number): PortfolioTotals {
  let objective = 0;
  let expectedLoss = 0;
  let expectedBalance = 0;
  let ead = 0;
  let sum = 0;
  let linesUp = 0;
  let linesDown = 0;
  for (let j = 0; j < limits.length; j++) {
    const limit = limits[j] as number;
    const o = lineOutcome(c.lines[j]!, limit);
    objective += o.profit;
    expectedLoss += o.expectedLoss;
    expectedBalance += o.balance;
    ead += o.ead;
    sum += limit;
    const cur = c.current[j] as number;
    if (limit > cur) linesUp++;
    else if (limit < cur) linesDown++;
  }
  return {
    objective,
    expectedProfit: toMinor(objective),
    expectedLoss: toMinor(expectedLoss),
    expectedBalance: toMinor(expectedBalance),
    ead: toMinor(ead),
    exposure: toMinor(exposure ?? sum),
    linesUp,
    linesDown,
    linesUnchanged: limits.length - linesUp - linesDown,
  };
}

export function currentLimits(c: CompiledPortfolio): Float64Array {
  return Float64Array.from(c.current);
}

export function totalCurrentExposure(c: CompiledPortfolio): number {
  let total = 0;
  for (let i = 0; i < c.size; i++) total += c.currentExposure[i] as number;
  return total;
}
