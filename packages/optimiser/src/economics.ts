import type { Product } from '@jc/domain';
import type { OptimiserConfig, ResponseParams } from './config';
import type { CustomerInput } from './types';

/**
 * Marginal balance per unit of limit increase, interpolated in log-PD between the prime and
 * subprime anchors: the published response (Agarwal et al. 2018) is ≈0 above FICO 740 and 59%
 * at or below FICO 660, and a log scale is how PD moves across score bands.
 */
export function responseRate(pd: number, r: ResponseParams): number {
  if (pd <= r.pdPrime) return r.responsePrime;
  if (pd >= r.pdSubprime) return r.responseSubprime;
  const x = Math.log(pd / r.pdPrime) / Math.log(r.pdSubprime / r.pdPrime);
  return r.responsePrime + (r.responseSubprime - r.responsePrime) * x;
}

/** Everything about one customer's one line that the profit curve needs. All amounts in fen. */
export interface LineEconomics {
  readonly product: Product;
  readonly current: number;
  readonly drawn: number;
  /** Balance curve: balance(L) = drawn + amplitude·(1 − exp(−(L − drawn)/kappa)). */
  readonly kappa: number;
  readonly amplitude: number;
  /** Annual revenue per unit of expected balance. */
  readonly revenueRate: number;
  readonly fundingRate: number;
  readonly pd: number;
  readonly lgd: number;
  readonly ccfLoss: number;
  /** Annual cost of capital per unit of regulatory exposure. */
  readonly capitalRate: number;
  readonly ccfCapital: number;
}

export type MutableLineEconomics = { -readonly [K in keyof LineEconomics]: LineEconomics[K] };

/** Filled into `into` when given, so compiling millions of lines can reuse one object. */
export function lineEconomics(customer: CustomerInput, product: Product, config: OptimiserConfig, into = {} as MutableLineEconomics): LineEconomics {
  const p = config.products[product];
  const line = product === 'CASH_LOAN' ? customer.cashLoan : customer.payLater;
  const r = Math.min(responseRate(customer.pd, config.response) * p.responseMultiplier, config.response.maxSlope);
  // The line a customer already has is evidence of need, so saturation is never below it.
  const kappa = Math.max(p.saturationIncomeShare * customer.annualIncome, line.current, p.saturationMin);
  const headroom = Math.max(0, line.current - line.drawn);
  // Calibrated so the slope at today's limit is r, unless that would make the slope at zero
  // headroom exceed maxSlope (the balance could then outgrow the limit).
  const amplitude = kappa * Math.min(r * Math.exp(headroom / kappa), config.response.maxSlope);
  const pl = config.payLater;
  const revenueRate =
    product === 'CASH_LOAN'
      ? customer.cashLoan.apr
      : pl.merchantDiscountRate * pl.annualTurnover + pl.instalmentShare * pl.instalmentFeeRate;
  const c = config.capital;
  into.product = product;
  into.current = line.current;
  into.drawn = line.drawn;
  into.kappa = kappa;
  into.amplitude = amplitude;
  into.revenueRate = revenueRate;
  into.fundingRate = config.fundingRate;
  into.pd = customer.pd;
  into.lgd = p.lgd;
  into.ccfLoss = p.ccfLoss;
  into.capitalRate = c.riskWeight * c.capitalRatio * c.hurdleRate;
  into.ccfCapital = p.ccfCapital;
  return into;
}

export function expectedBalance(le: LineEconomics, limit: number): number {
  return le.drawn - le.amplitude * Math.expm1(-(limit - le.drawn) / le.kappa);
}

export interface LineOutcome {
  balance: number;
  revenue: number;
  fundingCost: number;
  ead: number;
  expectedLoss: number;
  capitalCharge: number;
  profit: number;
}

export const emptyOutcome = (): LineOutcome => ({ balance: 0, revenue: 0, fundingCost: 0, ead: 0, expectedLoss: 0, capitalCharge: 0, profit: 0 });

/**
 * The annual P&L of one line at `limit`, term by term as README documents it. Written into `out`
 * when given, so a pass over millions of lines can reuse one object.
 */
export function lineOutcome(le: LineEconomics, limit: number, out: LineOutcome = emptyOutcome()): LineOutcome {
  const balance = expectedBalance(le, limit);
  const undrawn = limit - balance;
  out.balance = balance;
  out.revenue = le.revenueRate * balance;
  out.fundingCost = le.fundingRate * balance;
  out.ead = balance + le.ccfLoss * undrawn;
  out.expectedLoss = le.pd * le.lgd * out.ead;
  out.capitalCharge = le.capitalRate * (balance + le.ccfCapital * undrawn);
  out.profit = out.revenue - out.expectedLoss - out.fundingCost - out.capitalCharge;
  return out;
}

/**
 * profit(L) = alpha·balance(L) − beta·L. Concave in L when alpha ≥ 0 (balance is concave); when
 * alpha < 0 every marginal is negative, so no step is ever worth taking and concavity is moot.
 */
export function profitSlopes(le: LineEconomics): { alpha: number; beta: number } {
  const alpha = le.revenueRate - le.fundingRate - le.pd * le.lgd * (1 - le.ccfLoss) - le.capitalRate * (1 - le.ccfCapital);
  const beta = le.pd * le.lgd * le.ccfLoss + le.capitalRate * le.ccfCapital;
  return { alpha, beta };
}
