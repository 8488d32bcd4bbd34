import type { PeakPeriod } from '@jc/domain';
import { DEFAULT_AS_OF, DEFAULT_ONBOARDING_MONTHS, generateCustomer, type CustomerOptions, type SimulatedCustomer } from './customers';
import { addMonths, dayOf, firstDayOfMonth, monthIndexOfDay, toUtcDay } from './dates';
import type { RepaymentEvent, TransactionEvent } from './events';
import { transactionEventId } from './ids';
import { buildPeakProfile, type PeakProfile } from './peak-profile';
import { normaliseSeed, Rng, type Seed } from './random';
import { CreditAccount, type CustomerOutcome } from './statements';
import { customerSamplers, generateMonthTransactions } from './transactions';

export interface SimulationOptions extends CustomerOptions {
  seed: Seed;
  /** Length of the simulated history, ending at asOf. */
  months: number;
}

/** Events happen in [from, to); to is asOf. */
export interface SimulationRange {
  from: Date;
  to: Date;
}

export interface SimulationContext {
  seed: string;
  asOf: Date;
  months: number;
  onboardingMonths: number;
  range: SimulationRange;
  peaks: PeakPeriod[];
  profile: PeakProfile;
}

export interface CustomerActivity {
  customer: SimulatedCustomer;
  transactions: TransactionEvent[];
  repayments: RepaymentEvent[];
  outcome: CustomerOutcome;
}

export const MAX_MONTHS = 120;

export function simulationRange(asOf: Date | string, months: number): SimulationRange {
  if (!Number.isInteger(months) || months < 1 || months > MAX_MONTHS) {
    throw new RangeError(`months must be a whole number between 1 and ${MAX_MONTHS}`);
  }
  const to = toUtcDay(asOf, 'asOf');
  return { from: addMonths(to, -months), to };
}

/** Validates the options once and precomputes what every customer shares (range, peak profile). */
export function createSimulationContext(options: SimulationOptions): SimulationContext {
  const asOf = toUtcDay(options.asOf ?? DEFAULT_AS_OF, 'asOf');
  const range = simulationRange(asOf, options.months);
  // Whole calendar months, because months are generated whole before being trimmed to the range.
  const firstMonth = monthIndexOfDay(dayOf(range.from));
  const lastMonth = monthIndexOfDay(dayOf(range.to) - 1);
  const profile = buildPeakProfile(firstDayOfMonth(firstMonth), firstDayOfMonth(lastMonth + 1) - 1);
  return {
    seed: normaliseSeed(options.seed),
    asOf,
    months: options.months,
    // Onboarding spreads over at least the whole history, or a history longer than the default
    // window would start with months in which no customer exists yet.
    onboardingMonths: options.onboardingMonths ?? Math.max(DEFAULT_ONBOARDING_MONTHS, options.months),
    range,
    peaks: profile.periods,
    profile,
  };
}

/**
 * A customer's transactions and repayments over the range, month by month: each month's statement
 * is settled first, because a missed payment suspends credit use for the rest of the month.
 */
export function simulateCustomerActivity(context: SimulationContext, customer: SimulatedCustomer): CustomerActivity {
  const fromMs = context.range.from.getTime();
  const toMs = context.range.to.getTime();
  const hexId = customer.id.slice(2);
  const account = new CreditAccount(customer, hexId, toMs);
  const streams = Rng.fromSeed(context.seed, 'activity', customer.index);
  const samplers = customerSamplers(customer);
  const transactions: TransactionEvent[] = [];
  const repayments: RepaymentEvent[] = [];
  const fraudLike = customer.archetype === 'FRAUD_LIKE';

  const firstMonth = Math.max(monthIndexOfDay(dayOf(context.range.from)), monthIndexOfDay(dayOf(customer.onboardedAt)));
  const lastMonth = monthIndexOfDay(dayOf(context.range.to) - 1);
  for (let month = firstMonth; month <= lastMonth; month++) {
    for (const r of account.statement(month, streams.derive('pay', month))) repayments.push(r);
    const raw = generateMonthTransactions(customer, samplers, context.profile, month, streams.derive('tx', month));
    for (let seq = 0; seq < raw.length; seq++) {
      const t = raw[seq]!;
      if (t.atMs < fromMs || t.atMs >= toMs) continue;
      let product = t.product;
      if ((product !== 'OTHER' || fraudLike) && account.isSuspended(t.atMs)) {
        // A bust-out customer disappears; others keep shopping without credit.
        if (fraudLike || product === 'CASH_LOAN') continue;
        product = 'OTHER';
      }
      if (product === 'PAY_LATER') account.chargePayLater(t.amount);
      else if (product === 'CASH_LOAN') account.drawCash(t.amount, t.term);
      transactions.push({
        eventId: transactionEventId(hexId, month, seq),
        customerId: customer.id,
        product,
        amount: t.amount,
        merchantCategory: t.merchantCategory,
        channel: t.channel,
        occurredAt: new Date(t.atMs),
      });
    }
  }
  return { customer, transactions, repayments, outcome: account.finish() };
}

export function customerFor(context: SimulationContext, index: number): SimulatedCustomer {
  return generateCustomer(context.seed, index, { asOf: context.asOf, onboardingMonths: context.onboardingMonths });
}

/** Customer `index` with its activity, without generating anyone else. */
export function simulateCustomer(options: SimulationOptions, index: number): CustomerActivity {
  const context = createSimulationContext(options);
  return simulateCustomerActivity(context, customerFor(context, index));
}
