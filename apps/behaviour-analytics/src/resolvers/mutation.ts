import type { MutationResolvers } from '../generated/graphql';
import { recordCustomerRegions } from '../services/customer-regions';
import { recordRepayments, recordTransactions } from '../services/ingestion';

const instant = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

export const Mutation: MutationResolvers = {
  recordTransactions: (_parent, { input }, ctx) =>
    recordTransactions(
      ctx,
      input.map((t) => ({ ...t, occurredAt: instant(t.occurredAt) })),
    ),
  recordRepayments: (_parent, { input }, ctx) =>
    recordRepayments(
      ctx,
      input.map((r) => ({ ...r, dueDate: instant(r.dueDate), paidAt: r.paidAt == null ? null : instant(r.paidAt) })),
    ),
  recordCustomerRegions: (_parent, { input }, ctx) => recordCustomerRegions(ctx.dataSource, input),
};
