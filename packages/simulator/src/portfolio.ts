import type { PeakPeriod } from '@jc/domain';
import {
  createSimulationContext,
  customerFor,
  simulateCustomerActivity,
  type CustomerActivity,
  type SimulationContext,
  type SimulationOptions,
  type SimulationRange,
} from './activity';
import { populationSlice, type SimulatedCustomer } from './customers';
import type { RepaymentEvent, TransactionEvent } from './events';
import type { CustomerOutcome } from './statements';

export interface PortfolioOptions extends SimulationOptions {
  customers: number;
  /** Index of the first customer, so large runs can be split into shards. */
  startIndex?: number;
}

export interface Portfolio {
  asOf: Date;
  range: SimulationRange;
  peaks: PeakPeriod[];
  customers: SimulatedCustomer[];
  transactions: TransactionEvent[];
  repayments: RepaymentEvent[];
  /** By customer id. */
  outcomes: Map<string, CustomerOutcome>;
}

/**
 * One customer's activity at a time, so millions of events never sit in memory together. The
 * context (range and peak calendar) is validated before the first customer is produced.
 */
export function simulateActivities(options: PortfolioOptions): { context: SimulationContext; activities: Generator<CustomerActivity> } {
  const context = createSimulationContext(options);
  const { start, count } = populationSlice(options);
  function* activities(): Generator<CustomerActivity> {
    for (let index = start; index < start + count; index++) yield simulateCustomerActivity(context, customerFor(context, index));
  }
  return { context, activities: activities() };
}

/** Everything in memory; for tests and small populations. */
export function simulatePortfolio(options: PortfolioOptions): Portfolio {
  const { context, activities } = simulateActivities(options);
  const portfolio: Portfolio = {
    asOf: context.asOf,
    range: context.range,
    peaks: context.peaks,
    customers: [],
    transactions: [],
    repayments: [],
    outcomes: new Map(),
  };
  for (const activity of activities) {
    portfolio.customers.push(activity.customer);
    for (const t of activity.transactions) portfolio.transactions.push(t);
    for (const r of activity.repayments) portfolio.repayments.push(r);
    portfolio.outcomes.set(activity.customer.id, activity.outcome);
  }
  return portfolio;
}
