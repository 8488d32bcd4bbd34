import type { Minor, RiskGrade } from '@jc/domain';
import { floorExposureOf, type CompiledPortfolio } from './compile';
import { evaluateLimits, totalCurrentExposure } from './evaluate';
import { prepare, type OptimiseInput } from './optimise';
import type { CustomerInput, PortfolioTotals } from './types';

/** A conventional income-multiple policy, a comparison point for the optimiser. */
export interface RuleParams {
  /** Upper PD of grades A–D; above the last is E. */
  gradePdBounds: readonly [number, number, number, number];
  cashLoanIncomeMultiple: Record<RiskGrade, number>;
  payLaterIncomeMultiple: Record<RiskGrade, number>;
}

export const DEFAULT_RULE: RuleParams = {
  gradePdBounds: [0.01, 0.02, 0.04, 0.08],
  cashLoanIncomeMultiple: { A: 0.5, B: 0.4, C: 0.3, D: 0.15, E: 0 },
  payLaterIncomeMultiple: { A: 0.15, B: 0.12, C: 0.1, D: 0.06, E: 0.03 },
};

export function gradeFromPd(pd: number, bounds: RuleParams['gradePdBounds'] = DEFAULT_RULE.gradePdBounds): RiskGrade {
  const grades: RiskGrade[] = ['A', 'B', 'C', 'D'];
  for (let g = 0; g < bounds.length; g++) if (pd <= bounds[g]!) return grades[g]!;
  return 'E';
}

/** Target sub-limits of the income-multiple rule, indexed 2i + product like the compiled chains. */
export function incomeMultipleTargets(customers: readonly CustomerInput[], rule: RuleParams = DEFAULT_RULE): Float64Array {
  const targets = new Float64Array(2 * customers.length);
  customers.forEach((cu, i) => {
    const grade = cu.grade ?? gradeFromPd(cu.pd, rule.gradePdBounds);
    targets[2 * i] = cu.annualIncome * rule.cashLoanIncomeMultiple[grade];
    targets[2 * i + 1] = cu.annualIncome * rule.payLaterIncomeMultiple[grade];
  });
  return targets;
}

/**
 * Puts any rule's target sub-limits (indexed 2i + product) through the same hard rules as the
 * optimiser (policy, change band, drawn floor, grid, joint/regulatory cap). If the portfolio budget
 * is exceeded, every line's rise above its floor is scaled down by one common factor, the usual
 * pro-rata way a rule policy is fitted to a budget.
 */
export function fitTargetsToBudget(c: CompiledPortfolio, targets: Float64Array, budget: Minor): Float64Array {
  if (targets.length !== 2 * c.size) throw new RangeError(`targets must hold ${2 * c.size} sub-limits, not ${targets.length}`);
  const step = c.step;
  const rise = new Float64Array(2 * c.size);
  let floors = 0;
  let rises = 0;
  for (let i = 0; i < c.size; i++) {
    for (let p = 0; p < 2; p++) {
      const j = 2 * i + p;
      const lo = c.lo[j] as number;
      const hi = lo + (c.steps[j] as number) * step;
      rise[j] = Math.min(hi, Math.max(lo, targets[j] as number)) - lo;
    }
    const room = (c.capSteps[i] as number) * step;
    const total = (rise[2 * i] as number) + (rise[2 * i + 1] as number);
    if (total > room) scale(rise, 2 * i, room / total, step);
    floors += floorExposureOf(c, i);
    rises += (rise[2 * i] as number) + (rise[2 * i + 1] as number);
  }
  const factor = rises > 0 && floors + rises > budget ? Math.max(0, budget - floors) / rises : 1;
  // the rises become the limits in place: at a million lines a second array as large costs more than the fit
  for (let i = 0; i < c.size; i++) scale(rise, 2 * i, factor, step);
  for (let j = 0; j < rise.length; j++) rise[j] = (c.lo[j] as number) + (rise[j] as number);
  return rise;
}

/** The income-multiple rule fitted to the budget. */
export function ruleLimits(c: CompiledPortfolio, customers: readonly CustomerInput[], budget: Minor, rule: RuleParams = DEFAULT_RULE): Float64Array {
  return fitTargetsToBudget(c, incomeMultipleTargets(customers, rule), budget);
}

/** Scales a customer's two rises and rounds them down to the grid, so caps are never exceeded. */
function scale(rise: Float64Array, j: number, factor: number, step: number): void {
  rise[j] = Math.floor(((rise[j] as number) * factor) / step) * step;
  rise[j + 1] = Math.floor(((rise[j + 1] as number) * factor) / step) * step;
}

export interface RuleBaselineResult {
  limits: Float64Array;
  before: PortfolioTotals;
  after: PortfolioTotals;
}

/**
 * A rule baseline on the optimiser's instance: the income-multiple rule by default, or any rule's
 * target sub-limits (`targets`, indexed 2i + product), fitted to the same budget.
 */
export function runRuleBaseline(input: OptimiseInput, rule: RuleParams | Float64Array = DEFAULT_RULE): RuleBaselineResult {
  const { compiled } = prepare(input);
  const targets = rule instanceof Float64Array ? rule : incomeMultipleTargets(input.customers, rule);
  const limits = fitTargetsToBudget(compiled, targets, input.budget);
  return { limits, before: evaluateLimits(compiled, Float64Array.from(compiled.current), totalCurrentExposure(compiled)), after: evaluateLimits(compiled, limits) };
}
