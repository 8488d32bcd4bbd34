import type { CustomerResolvers } from '../generated/graphql';

export const Customer: CustomerResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  creditLine: (customer, _args, ctx) => ctx.lineByCustomerId.load(customer.id),
};
