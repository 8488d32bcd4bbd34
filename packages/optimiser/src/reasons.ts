import { reasonIndex, type CompiledPortfolio } from './compile';

const BUDGET_BOUND = reasonIndex('BUDGET_BOUND');
const UNPROFITABLE = reasonIndex('UNPROFITABLE');
const EXPECTED_LOSS_CAP = reasonIndex('EXPECTED_LOSS_CAP');

/**
 * The marginal reason of one line, given the steps taken on both of its customer's lines and the
 * price per step the customer faced. If the next step up is worth more than the price, the line
 * wanted to rise and the blocking bound is the reason; if it sits on its floor and the step below
 * it is worth less than the price, it wanted to fall and the floor is the reason; otherwise the
 * next step was either worth the price only before its expected loss was charged (EXPECTED_LOSS_CAP),
 * not worth the budget's price (BUDGET_BOUND) or lost money (UNPROFITABLE). `chains` are the values
 * the steps were chosen by (profit − μ·EL under a loss cap).
 */
export function lineReason(c: CompiledPortfolio, j: number, taken: Int32Array, price: number, chains = c.chains): number {
  const k = taken[j] as number;
  const i = j >> 1;
  const up = chains.m(j, k + 1);
  if (up > price) {
    if (k >= (c.steps[j] as number)) return c.hiSource[j] as number;
    if ((taken[2 * i] as number) + (taken[2 * i + 1] as number) >= (c.capSteps[i] as number)) return c.capSource[i] as number;
    return BUDGET_BOUND;
  }
  if (k === 0 && (c.lo[j] as number) > 0 && chains.m(j, 0) < price) return c.loSource[j] as number;
  const profitUp = c.chains.m(j, k + 1);
  if (chains !== c.chains && profitUp > price) return EXPECTED_LOSS_CAP;
  return profitUp > 0 ? BUDGET_BOUND : UNPROFITABLE;
}
