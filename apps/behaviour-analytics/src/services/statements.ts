import type { DataSource } from 'typeorm';
import { CustomerLimitRepository } from '../db/customer-limit-repository';
import { DerivedStore } from '../db/derived-store';
import { DAY_MS, overdueAt, REPAYMENT_LOOKBACK_DAYS } from '../model/repayment-history';
import { buildStatements, lastMonths, type MonthlyStatementRecord } from '../model/statements';

export interface StatementRequest {
  customerId: string;
  asOf: Date;
  last: number;
}

/**
 * Statements for many customers with three queries. They are built from the monthly aggregates
 * ingestion keeps, the raw repayment records and the limits limit.changed announced, so they are
 * as current as the last batch.
 */
export async function loadStatements(dataSource: DataSource, requests: readonly StatementRequest[]): Promise<MonthlyStatementRecord[][]> {
  const store = new DerivedStore(dataSource.manager);
  const monthsOf = requests.map((r) => lastMonths(r.asOf, r.last));
  const earliest = monthsOf.map((m) => m[m.length - 1]!).reduce((a, b) => (b < a ? b : a));
  const ids = [...new Set(requests.map((r) => r.customerId))];
  const activity = await store.monthlyActivity(ids, earliest);
  const latest = requests.map((r) => r.asOf).reduce((a, b) => (b > a ? b : a));
  // An amount due before the first month and still unpaid keeps the months after it late.
  const oldestAsOf = requests.map((r) => r.asOf.getTime()).reduce((a, b) => Math.min(a, b));
  const repayments = await store.repayments(ids, new Date(Math.min(Date.parse(`${earliest}T00:00:00Z`), oldestAsOf - REPAYMENT_LOOKBACK_DAYS * DAY_MS)));
  const limits = await new CustomerLimitRepository(dataSource.manager).limitsFor(ids, earliest, latest);
  return requests.map((r, i) =>
    buildStatements({
      months: monthsOf[i]!,
      activity: activity.get(r.customerId) ?? [],
      overdue: overdueAt(repayments.get(r.customerId) ?? [], r.asOf),
      limits: limits.get(r.customerId) ?? [],
      asOf: r.asOf,
    }),
  );
}
