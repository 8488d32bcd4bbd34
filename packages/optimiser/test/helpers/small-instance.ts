import { CUSTOMER_TIERS, LIFECYCLE_STAGES, PRODUCTS, yuan } from '@jc/domain';
import type { Minor } from '@jc/domain';
import { Rng, customerBounds, resolveConfig, type CustomerInput, type DeepPartial, type OptimiserConfig } from '../../src';
import { combinationCount } from './brute-force';

export interface SmallInstance {
  customers: CustomerInput[];
  configOverrides: DeepPartial<OptimiserConfig>;
  config: OptimiserConfig;
  budget: Minor;
  segmentBudgets: Record<string, Minor>;
}

/**
 * A random 3–5 customer instance on a coarse grid, with random policies tight enough that every
 * kind of bound (policy, change band, drawn, joint and regulatory caps, budgets) binds in some
 * seeds, and small enough to enumerate. Some customers' sub-limits overlap within their joint
 * limit or leave room under it, and some carry their own change per review.
 */
export function smallInstance(seed: number, maxCombinations = 300_000): SmallInstance {
  const rng = new Rng(seed);
  const step = yuan(1_000);
  const grid = (lo: number, hi: number): number => rng.int(lo, hi) * step;
  const policy: Record<string, Record<string, unknown>> = {};
  for (const stage of LIFECYCLE_STAGES) {
    policy[stage] = {};
    for (const product of PRODUCTS) {
      const min = rng.next() < 0.2 ? grid(1, 2) : 0;
      policy[stage]![product] = {
        min,
        max: Math.max(min, grid(0, 6)),
        maxIncreaseFraction: [0, 0.25, 0.5][rng.int(0, 2)],
        maxIncreaseAbsolute: grid(0, 3),
        maxDecreaseFraction: [0, 0.3, 0.6][rng.int(0, 2)],
      };
    }
  }
  const configOverrides = {
    step,
    regulatoryCap: grid(4, 12),
    tierJointMax: Object.fromEntries(CUSTOMER_TIERS.map((t) => [t, grid(3, 12)])),
    policy,
  } as DeepPartial<OptimiserConfig>;
  const config = resolveConfig(configOverrides);

  const useSegments = rng.next() < 0.35;
  const customers: CustomerInput[] = [];
  const target = rng.int(3, 5);
  for (let i = 0; customers.length < target && i < 50; i++) {
    const cashCurrent = grid(0, 6);
    const payCurrent = grid(0, 4);
    const drawnOf = (current: number): number => Math.round(current * rng.uniform(0, rng.next() < 0.1 ? 1.3 : 0.9));
    const candidate: CustomerInput = {
      id: `c${seed}_${i}`,
      pd: Math.exp(rng.uniform(Math.log(0.002), Math.log(0.4))),
      stage: LIFECYCLE_STAGES[rng.int(0, 3)]!,
      tier: CUSTOMER_TIERS[rng.int(0, 3)]!,
      annualIncome: yuan(rng.int(20, 300) * 1_000),
      cashLoan: { current: cashCurrent, drawn: drawnOf(cashCurrent), apr: rng.uniform(0.05, 0.24) },
      payLater: { current: payCurrent, drawn: drawnOf(payCurrent) },
      ...(useSegments ? { segment: `S${rng.int(0, 1)}` } : {}),
    };
    // sub-limits that share the joint limit (overlap), a joint limit with room above them, or none
    const shape = rng.next();
    if (shape < 0.3) candidate.currentJointLimit = Math.max(cashCurrent, payCurrent) + rng.int(0, Math.min(cashCurrent, payCurrent) / step) * step;
    else if (shape < 0.45) candidate.currentJointLimit = cashCurrent + payCurrent + grid(1, 2);
    if (rng.next() < 0.3) candidate.maxChangeFraction = [0.3, 0.5][rng.int(0, 1)]!;
    if (combinationCount([...customers, candidate], config) <= maxCombinations) customers.push(candidate);
  }

  let floor = 0;
  let top = 0;
  const segFloor: Record<string, number> = {};
  for (const c of customers) {
    const b = customerBounds(c, config);
    const f = b.cashLoan.lo + b.payLater.lo - b.overlap;
    floor += f;
    top += Math.max(f, Math.min(b.cashLoan.hi + b.payLater.hi, b.cap) - b.overlap);
    if (c.segment) segFloor[c.segment] = (segFloor[c.segment] ?? 0) + f;
  }
  // Mostly between the floors and everything, sometimes below the floors (infeasible).
  const budget = Math.max(0, Math.round(floor + rng.uniform(-0.1, 0.7) * (top - floor)));
  const segmentBudgets: Record<string, Minor> = {};
  if (useSegments) for (const [s, f] of Object.entries(segFloor)) segmentBudgets[s] = Math.round(f + rng.uniform(0, 0.8) * Math.max(step, top - floor));
  return { customers, configOverrides, config, budget, segmentBudgets };
}
