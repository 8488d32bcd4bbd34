import type { DataSource } from 'typeorm';
import { DerivedStore } from '../db/derived-store';
import { buildStatements, lastMonths, type MonthlyStatementRecord } from '../model/statements';

export interface StatementRequest {
  customerId: string;
  asOf: Date;
  last: number;
}

/**
 * Statements for many customers with two queries. They are built from the monthly aggregates
 * ingestion keeps and the raw repayment records, so they are as current as the last batch.
 */
export async function loadStatements(dataSource: DataSource, requests: readonly StatementRequest[]): Promise<MonthlyStatementRecord[][]> {
  const store = new DerivedStore(dataSource.manager);
  const monthsOf = requests.map((r) => lastMonths(r.asOf, r.last));
  const earliest = monthsOf.map((m) => m[m.length - 1]!).reduce((a, b) => (b < a ? b : a));
  const ids = [...new Set(requests.map((r) => r.customerId))];
  const activity = await store.monthlyActivity(ids, earliest);
  const repayments = await store.repayments(ids, new Date(`${earliest}T00:00:00Z`));
  return requests.map((r, i) =>
    buildStatements({
      months: monthsOf[i]!,
      activity: activity.get(r.customerId) ?? [],
      repayments: repayments.get(r.customerId) ?? [],
      // Limits arrive with limit.changed events, which this service does not consume yet.
      limit: null,
      asOf: r.asOf,
    }),
  );
}
