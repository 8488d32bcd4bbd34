import type { LossCapOutcome } from './loss-cap';
import type { CustomerTier, LifecycleStage, Minor, Product, RiskGrade } from '@jc/domain';

export interface CashLoanLineInput {
  /** Current sub-limit. */
  current: Minor;
  /** Outstanding balance today. */
  drawn: Minor;
  /** Contract APR of the line as a fraction (0.18 = 18%), at most the configured APR cap. */
  apr: number;
}

export interface PayLaterLineInput {
  current: Minor;
  drawn: Minor;
}

export interface CustomerInput {
  id: string;
  /** 12-month probability of default from the scorecard, in [0, 1]. */
  pd: number;
  stage: LifecycleStage;
  tier: CustomerTier;
  annualIncome: Minor;
  /** Used only by the rule baseline; derived from `pd` when absent. */
  grade?: RiskGrade;
  /** Key into `segmentBudgets`; customers without one are only under the portfolio budget. */
  segment?: string;
  /**
   * The customer's own per-review change limit as a fraction of each current sub-limit (a tier rule
   * of the limits service's policy); it narrows the stage's change band, never widens it. A line at
   * zero is a first grant and is not bounded by it.
   */
  maxChangeFraction?: number;
  /** Current joint limit; when absent it is the sum of the sub-limits. */
  currentJointLimit?: Minor;
  cashLoan: CashLoanLineInput;
  payLater: PayLaterLineInput;
}

/**
 * Why a line sits where it does: the constraint that stopped it from moving further in the
 * direction that would have raised profit net of the budget's shadow price.
 */
export const LIMIT_REASONS = [
  'BUDGET_BOUND',
  'POLICY_MAX',
  'POLICY_MIN',
  'REGULATORY_CAP',
  'NEVER_BELOW_DRAWN',
  'MAX_CHANGE',
  'UNPROFITABLE',
  'EXPECTED_LOSS_CAP',
  'JOINT_OVERLAP',
] as const;
export type LimitReason = (typeof LIMIT_REASONS)[number];

export interface LineDecision {
  product: Product;
  current: Minor;
  limit: Minor;
  change: Minor;
  reason: LimitReason;
  /** Expected figures are annual statistical estimates, rounded to whole fen for records. */
  expectedBalance: Minor;
  expectedProfit: Minor;
  expectedLoss: Minor;
}

export interface CustomerDecision {
  customerId: string;
  cashLoan: LineDecision;
  payLater: LineDecision;
  /** Proposed joint limit: moved with the sub-limits' total (see `jointLimitAfter` and README, "Exposure"). */
  jointLimit: Minor;
  exposureBefore: Minor;
  exposureAfter: Minor;
}

export interface PortfolioTotals {
  /** Unrounded expected annual profit in fen, the optimiser's objective. */
  objective: number;
  expectedProfit: Minor;
  expectedLoss: Minor;
  expectedBalance: Minor;
  ead: Minor;
  exposure: Minor;
  linesUp: number;
  linesDown: number;
  linesUnchanged: number;
}

/** BUDGET_BELOW_FLOOR / LOSS_CAP_BELOW_FLOOR: the floors alone exceed the budget / the EL cap; every line is at its floor. */
export type OptimisationStatus = 'OPTIMAL' | 'BUDGET_BELOW_FLOOR' | 'LOSS_CAP_BELOW_FLOOR';

export interface OptimisationResult {
  status: OptimisationStatus;
  decisions: CustomerDecision[];
  before: PortfolioTotals;
  after: PortfolioTotals;
  budget: Minor;
  /** Exposure with every line at its lowest allowed limit. */
  floorExposure: Minor;
  /** Marginal annual profit per unit of exposure at the optimum (λ); 0 when the budget is slack. */
  shadowPrice: number;
  segmentShadowPrices: Record<string, number>;
  reasonCounts: Record<LimitReason, number>;
  /** Present when the input capped expected loss. */
  expectedLossCap?: LossCapOutcome;
  bisectionIterations: number;
  elapsedMs: number;
}

export type OptimiserPhase = 'compile' | 'segments' | 'bisect' | 'fill' | 'expected-loss' | 'report';

export interface OptimiserProgress {
  phase: OptimiserPhase;
  /** Fraction of the phase done, in [0, 1]. */
  done: number;
  iteration?: number;
  /** Current trial price per step of exposure, in fen of annual profit. */
  stepPrice?: number;
  /** Steps selected above the floors at the trial price. */
  selectedSteps?: number;
  /** Current trial price of a unit of expected loss (μ), in the expected-loss phase. */
  lossPrice?: number;
}

export type ProgressCallback = (progress: OptimiserProgress) => void;
