import { conflict, InputProblems, notFound } from '@jc/subgraph-kit';
import type { Context } from '../context';
import type { MutationResolvers } from '../generated/graphql';
import { openLine, openLineProblems } from '../model/credit-line';
import { campaignMutations } from './campaign';
import { lineStatusMutations } from './line-status';
import { policyMutations } from './policy';
import { portfolioMutations } from './portfolio';
import { upliftMutations } from './uplift';
import { isOverBudget } from '../db/portfolio-repository';

async function lineOf(customerId: string, ctx: Context) {
  const [view] = await ctx.lines.linesAt([customerId], ctx.clock.now());
  if (!view) throw notFound(`Customer ${customerId} has no credit line`);
  return view;
}

export const Mutation: MutationResolvers = {
  ...policyMutations,
  ...campaignMutations,
  ...portfolioMutations,
  ...lineStatusMutations,
  ...upliftMutations,
  openCreditLine: async (_parent, { input }, ctx) => {
    const problems = new InputProblems();
    for (const p of openLineProblems(input, await ctx.personCap())) problems.add(`input.${p.path}`, p.reason);
    problems.throwIfAny('Cannot open credit line');
    const line = openLine(input, ctx.clock);
    let opened;
    try {
      opened = await ctx.decider.openManually({
        customerId: line.customerId,
        trigger: 'MANUAL_OPEN',
        policyVersion: null,
        inputs: { requested: input },
        terms: line,
        reasonCodes: ['MANUAL_LIMITS'],
        actor: ctx.principal?.subject ?? 'system',
        at: line.openedAt,
      });
    } catch (err) {
      if (isOverBudget(err)) throw conflict('Opening this line would pass the portfolio exposure budget (PORTFOLIO_BUDGET_EXHAUSTED)');
      throw err;
    }
    if (!opened) throw conflict(`Customer ${input.customerId} already has a credit line`);
    return { line, uplifts: [], at: line.openedAt };
  },
  authorize: (_parent, { input }, ctx) => ctx.utilisation.authorize(input),
  capture: (_parent, { input }, ctx) => ctx.utilisation.capture(input.holdId, input.amount),
  release: (_parent, { input }, ctx) => ctx.utilisation.release(input.holdId),
  repay: async (_parent, { input }, ctx) => {
    await ctx.utilisation.repay(input);
    return lineOf(input.customerId, ctx);
  },
};
