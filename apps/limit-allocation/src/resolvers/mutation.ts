import { conflict, InputProblems } from '@jc/subgraph-kit';
import type { MutationResolvers } from '../generated/graphql';
import { openLine, openLineProblems } from '../model/credit-line';

export const Mutation: MutationResolvers = {
  openCreditLine: async (_parent, { input }, ctx) => {
    const problems = new InputProblems();
    for (const p of openLineProblems(input)) problems.add(`input.${p.path}`, p.reason);
    problems.throwIfAny('Cannot open credit line');
    const line = openLine(input, ctx.clock);
    if (!(await ctx.lines.insertIfAbsent(line))) throw conflict(`Customer ${input.customerId} already has a credit line`);
    ctx.lineByCustomerId.prime(line.customerId, line);
    return line;
  },
};
