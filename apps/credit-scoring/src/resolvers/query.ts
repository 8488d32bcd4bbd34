import { isCustomerId } from '@jc/domain';
import { checkPageSize, decodeCursor, toConnection } from '@jc/subgraph-kit';
import type { QueryResolvers } from '../generated/graphql';

export const Query: QueryResolvers = {
  customer: (_parent, { id }, ctx) => (isCustomerId(id) ? ctx.customerById.load(id) : null),
  customers: async (_parent, { first, after }, ctx) => {
    const size = checkPageSize(first);
    const afterId = after == null ? undefined : decodeCursor(after, isCustomerId);
    const rows = await ctx.customers.page(size + 1, afterId);
    return toConnection(rows, size, (c) => c.id);
  },
};
