import { isCustomerId, regionByCode } from '@jc/domain';
import { checkPageSize, decodeCursor, toConnection } from '@jc/subgraph-kit';
import type { CustomerResolvers } from '../generated/graphql';

const isScoreId = (key: string) => /^[1-9][0-9]{0,17}$/.test(key);

export const Customer: CustomerResolvers = {
  // A representation is any JSON: one without a customer id is nobody, and must not fail the
  // batch it came in (a missing id would throw inside the loader and null every entity).
  __resolveReference: (ref, ctx) => (isCustomerId(ref.id) ? ctx.customerById.load(ref.id) : null),
  regionName: (customer) => regionByCode(customer.region)?.nameEn ?? customer.region,
  creditProfile: (customer, _args, ctx) => ctx.profileByCustomer.load(customer.id),
  scoreHistory: async (customer, { first, after }, ctx) => {
    const size = checkPageSize(first);
    const beforeId = after == null ? undefined : decodeCursor(after, isScoreId);
    const rows = await ctx.scoreHistory.load({ customerId: customer.id, limit: size + 1, beforeId });
    return toConnection(rows, size, (s) => s.id as string);
  },
};
