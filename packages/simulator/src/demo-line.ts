import { floorToStep, mulMinor, yuan, type Minor } from '@jc/domain';
import type { SimulatedCustomer } from './customers';

export interface DemoLine {
  jointLimit: Minor;
  cashLoanLimit: Minor;
  payLaterLimit: Minor;
}

const STEP = yuan(100);
/** DESIGN's per-person consumer-credit cap: no demo line opens above it. */
const PERSON_CAP = yuan(200_000);
const INCOME_SHARE = { NEW: 0.1, ACTIVE: 0.3, DORMANT: 0.2, HIGH_RISK: 0.05 } as const;

/**
 * The line a demo customer holds when the demo starts, before any policy has decided it: a share
 * of declared income by lifecycle stage, PAY_LATER first for NEW customers, both lines small for
 * HIGH_RISK ones. Defined once so the limits service opens exactly these lines and behaviour
 * analytics draws the demo's statements against the same limits.
 */
export function demoLine(customer: Pick<SimulatedCustomer, 'declaredAnnualIncome' | 'lifecycleHint'>): DemoLine {
  const stage = customer.lifecycleHint;
  const joint = Math.max(STEP, floorToStep(Math.min(PERSON_CAP, mulMinor(customer.declaredAnnualIncome, INCOME_SHARE[stage])), STEP));
  const payLater = Math.min(joint, stage === 'NEW' ? yuan(3000) : yuan(20000));
  const cashLoan = stage === 'NEW' ? 0 : floorToStep(mulMinor(joint, 0.8), STEP);
  return { jointLimit: joint, cashLoanLimit: cashLoan, payLaterLimit: payLater };
}
