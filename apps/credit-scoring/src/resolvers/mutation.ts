import { InputProblems } from '@jc/subgraph-kit';
import type { MutationResolvers } from '../generated/graphql';
import { onboard, onboardingProblems } from '../model/customer';

export const Mutation: MutationResolvers = {
  onboardCustomer: async (_parent, { input }, ctx) => {
    const problems = new InputProblems();
    for (const p of onboardingProblems(input, ctx.clock)) problems.add(`input.${p.path}`, p.reason);
    problems.throwIfAny('Cannot onboard customer');
    const customer = onboard(input, ctx.clock);
    await ctx.customers.insert(customer);
    ctx.customerById.prime(customer.id, customer);
    return customer;
  },
};
