import { LIFECYCLE_STAGES, yuan } from '@jc/domain';
import type { CustomerTier, LifecycleStage, Minor } from '@jc/domain';
import { DEFAULT_CONFIG, type OptimiserConfig } from './config';
import { Rng } from './prng';
import type { CustomerInput } from './types';

export interface SyntheticOptions {
  size: number;
  seed: number;
  /** Grid the generated current limits sit on (the optimiser's step). */
  step?: Minor;
  /** Median 12-month PD, log-normal around it; 0.9% puts the mean response at ~13% (published 10–14%). */
  medianPd?: number;
  medianIncome?: Minor;
  /** Fill `CustomerInput.segment` from the tier or the stage. */
  segmentBy?: 'tier' | 'stage';
  /** Past decisions respected this policy, so current limits sit inside it (except HIGH_RISK). */
  config?: OptimiserConfig;
  /** Called with the share generated, every PROGRESS_EVERY customers and at the end. */
  onProgress?: (done: number) => void;
}

const PROGRESS_EVERY = 100_000;

const STAGE_WEIGHTS: Record<LifecycleStage, number> = { NEW: 0.15, ACTIVE: 0.6, DORMANT: 0.15, HIGH_RISK: 0.1 };

function tierFor(stage: LifecycleStage, pd: number, income: number): CustomerTier {
  if (stage === 'HIGH_RISK' || pd > 0.15) return 'HIGH_RISK';
  if (pd > 0.05) return 'MEDIUM_RISK';
  if (income > yuan(200_000) && pd < 0.01) return 'HIGH_VALUE';
  return 'STANDARD';
}

/**
 * A seeded synthetic portfolio shaped like the platform's: mostly active customers, PDs
 * log-normal around ~1% with a risky tail, risk-based APR under the 24% cap, cash loans closed for
 * NEW customers, utilisation rising with risk and near zero for dormant lines. Current limits
 * respect the stage and tier policy, except for HIGH_RISK customers, whose lines predate the flag.
 */
export function generatePortfolio(options: SyntheticOptions): CustomerInput[] {
  const { size, seed } = options;
  const config = options.config ?? DEFAULT_CONFIG;
  const step = options.step ?? config.step;
  const medianPd = options.medianPd ?? 0.009;
  const medianIncome = options.medianIncome ?? yuan(80_000);
  const rng = new Rng(seed);
  const onGrid = (amount: number): Minor => Math.max(0, Math.floor(amount / step) * step);
  const stageWeights = LIFECYCLE_STAGES.map((s) => STAGE_WEIGHTS[s]);
  const customers: CustomerInput[] = new Array(size);
  for (let i = 0; i < size; i++) {
    const stage = LIFECYCLE_STAGES[rng.weighted(stageWeights)] as LifecycleStage;
    const riskShift = stage === 'HIGH_RISK' ? Math.log(4) : 0;
    const pd = Math.min(0.6, Math.max(0.0005, medianPd * Math.exp(0.9 * rng.normal() + riskShift)));
    const annualIncome = Math.round(medianIncome * Math.exp(0.6 * rng.normal()) / 100) * 100;
    const tier = tierFor(stage, pd, annualIncome);
    const apr = Math.min(0.24, Math.round((0.072 + 1.5 * pd) * 10_000) / 10_000);

    const policyStage = stage === 'HIGH_RISK' ? 'ACTIVE' : stage;
    const policyTier = stage === 'HIGH_RISK' ? 'STANDARD' : tier;
    const maxOf = (product: 'CASH_LOAN' | 'PAY_LATER'): number =>
      config.policy[policyStage][product].max * config.tierMaxMultiplier[policyTier];
    const cashCurrent = stage === 'NEW' || rng.next() < 0.1 ? 0 : onGrid(Math.min(annualIncome * rng.uniform(0.1, 0.6), maxOf('CASH_LOAN')));
    const payCurrent = onGrid(
      Math.min(stage === 'NEW' ? yuan(rng.uniform(500, 3_000)) : annualIncome * rng.uniform(0.02, 0.12), maxOf('PAY_LATER')),
    );
    const utilisation = (): number => {
      if (stage === 'DORMANT') return rng.uniform(0, 0.03);
      const u = 0.2 + 3 * pd + 0.2 * rng.normal();
      return Math.min(1, Math.max(0, u));
    };
    customers[i] = {
      id: `c_${rng.hex32()}${rng.hex32()}`,
      pd,
      stage,
      tier,
      annualIncome,
      cashLoan: { current: cashCurrent, drawn: Math.round(cashCurrent * utilisation()), apr },
      payLater: { current: payCurrent, drawn: Math.round(payCurrent * utilisation()) },
      ...(options.segmentBy ? { segment: options.segmentBy === 'tier' ? tier : stage } : {}),
    };
    if (options.onProgress && (i + 1) % PROGRESS_EVERY === 0) options.onProgress((i + 1) / size);
  }
  options.onProgress?.(1);
  return customers;
}

/** Σ current sub-limits, the natural reference for an exposure budget. */
export function currentTotalLimits(customers: readonly CustomerInput[]): Minor {
  let total = 0;
  for (const c of customers) total += c.cashLoan.current + c.payLater.current;
  return total;
}
