import type { Minor } from '@jc/domain';
import { customerBounds, lineEconomics, lineOutcome, type CustomerInput, type OptimiserConfig } from '../../src';

interface Option {
  cash: number;
  pay: number;
  /** The sub-limits less their overlap within the joint limit. */
  exposure: number;
  profit: number;
  loss: number;
}

/** Every (cash loan, pay later) grid pair a customer may take, straight from the rules. */
export function customerOptions(customer: CustomerInput, config: OptimiserConfig): Option[] {
  const b = customerBounds(customer, config);
  const cashLine = lineEconomics(customer, 'CASH_LOAN', config);
  const payLine = lineEconomics(customer, 'PAY_LATER', config);
  const options: Option[] = [];
  for (let cash = b.cashLoan.lo; cash <= b.cashLoan.hi; cash += config.step) {
    for (let pay = b.payLater.lo; pay <= b.payLater.hi; pay += config.step) {
      const atFloors = cash === b.cashLoan.lo && pay === b.payLater.lo;
      if (cash + pay > b.cap && !atFloors) continue;
      const [c, p] = [lineOutcome(cashLine, cash), lineOutcome(payLine, pay)];
      options.push({ cash, pay, exposure: cash + pay - b.overlap, profit: c.profit + p.profit, loss: c.expectedLoss + p.expectedLoss });
    }
  }
  return options;
}

export function combinationCount(customers: readonly CustomerInput[], config: OptimiserConfig): number {
  return customers.reduce((n, c) => n * customerOptions(c, config).length, 1);
}

/**
 * The optimum by enumerating every combination of grid options (depth first, skipping only
 * branches whose floors already break a budget), optionally under a cap on Σ expected loss.
 * Returns null when nothing is feasible.
 */
export function bruteForce(
  customers: readonly CustomerInput[],
  config: OptimiserConfig,
  budget: Minor,
  segmentBudgets: Record<string, Minor> = {},
  maxLoss = Infinity,
): { objective: number; loss: number; limits: Array<[number, number]> } | null {
  const options = customers.map((c) => customerOptions(c, config));
  const minExposure = options.map((os) => Math.min(...os.map((o) => o.exposure)));
  const restFloor = minExposure.map((_, i) => minExposure.slice(i).reduce((a, b) => a + b, 0));
  const segments = customers.map((c) => c.segment);
  let best = -Infinity;
  let bestLoss = 0;
  let bestPick: number[] = [];
  const pick: number[] = [];
  const segUsed: Record<string, number> = {};

  const visit = (i: number, exposure: number, profit: number, loss: number): void => {
    if (exposure + (restFloor[i] ?? 0) > budget) return;
    if (i === customers.length) {
      for (const [s, used] of Object.entries(segUsed)) if (segmentBudgets[s] !== undefined && used > segmentBudgets[s]!) return;
      if (loss > maxLoss) return;
      if (profit > best) {
        best = profit;
        bestLoss = loss;
        bestPick = [...pick];
      }
      return;
    }
    const seg = segments[i];
    options[i]!.forEach((o, k) => {
      pick[i] = k;
      if (seg !== undefined) segUsed[seg] = (segUsed[seg] ?? 0) + o.exposure;
      visit(i + 1, exposure + o.exposure, profit + o.profit, loss + o.loss);
      if (seg !== undefined) segUsed[seg] = (segUsed[seg] as number) - o.exposure;
    });
  };
  visit(0, 0, 0, 0);
  if (best === -Infinity) return null;
  return { objective: best, loss: bestLoss, limits: bestPick.map((k, i) => [options[i]![k]!.cash, options[i]![k]!.pay]) };
}
