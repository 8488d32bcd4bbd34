import { isCustomerId } from '@jc/domain';
import { badInput, checkPageSize, decodeCursor, toConnection } from '@jc/subgraph-kit';
import type { CustomerResolvers } from '../generated/graphql';
import { emptyProfile } from '../model/behaviour-profile';
import { MAX_STATEMENT_MONTHS } from '../model/statements';

const isId = (key: string) => /^[1-9]\d{0,15}$/.test(key);

export const Customer: CustomerResolvers = {
  // a representation with no usable id names no customer, and must not fail its batch's other entities
  __resolveReference: (ref) => (isCustomerId(ref.id) ? { id: ref.id } : null),
  behaviour: async (customer, _args, ctx) => (await ctx.profileByCustomerId.load(customer.id)) ?? emptyProfile(customer.id),
  statements: async (customer, { last }, ctx) => {
    const months = last ?? 12;
    if (!Number.isInteger(months) || months < 1 || months > MAX_STATEMENT_MONTHS) {
      throw badInput(`last must be between 1 and ${MAX_STATEMENT_MONTHS}`, [{ path: 'last', reason: `must be between 1 and ${MAX_STATEMENT_MONTHS}` }]);
    }
    // Statements end where the profile was last derived, so they agree with Customer.behaviour.
    const profile = await ctx.profileByCustomerId.load(customer.id);
    return ctx.statements.load({ customerId: customer.id, asOf: profile?.asOf ?? ctx.clock.now(), last: months });
  },
  stageHistory: async (customer, { first, after }, ctx) => {
    const size = checkPageSize(first ?? 20);
    const beforeId = after ? Number(decodeCursor(after, isId)) : null;
    const rows = await ctx.stageHistory.load({ customerId: customer.id, limit: size + 1, beforeId });
    return toConnection(rows, size, (r) => String(r.id));
  },
};
