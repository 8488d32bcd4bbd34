import { emptyProfile } from '../model/behaviour-profile';
import type { CustomerResolvers } from '../generated/graphql';

export const Customer: CustomerResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  behaviour: async (customer, _args, ctx) => (await ctx.profileByCustomerId.load(customer.id)) ?? emptyProfile(customer.id),
};
