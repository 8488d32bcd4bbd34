import { conflict, InputProblems, notFound } from '@jc/subgraph-kit';
import type { MutationResolvers } from '../generated/graphql';
import { newUpliftId } from '../model/ids';
import { cancelProblems } from '../model/overlay-cancellation';
import { upliftProblems, type UpliftRecord } from '../model/uplift';
import { upliftRefusal } from '../model/uplift-eligibility';

export const upliftMutations: Pick<MutationResolvers, 'addUplift' | 'cancelUplift'> = {
  addUplift: async (_parent, { input }, ctx) => {
    const now = ctx.clock.now();
    // the scalar parses to a Date; the generated input type also admits the wire string
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const problems = new InputProblems();
    for (const p of upliftProblems({ ...input, startsAt, endsAt }, now, await ctx.personCap())) problems.add(`input.${p.path}`, p.reason);
    problems.throwIfAny('Cannot add uplift');
    const [line] = await ctx.lines.findByCustomerIds([input.customerId]);
    if (!line) throw notFound(`Customer ${input.customerId} has no credit line`);
    const refusal = upliftRefusal(line, input.products);
    if (refusal?.kind === 'LINE_NOT_ACTIVE') throw conflict(`Cannot add uplift: ${refusal.reason}`);
    if (refusal) problems.add(`input.${refusal.path}`, refusal.reason).throwIfAny('Cannot add uplift');
    const uplift: UpliftRecord = {
      id: newUpliftId(),
      customerId: input.customerId,
      cashLoan: input.products.includes('CASH_LOAN'),
      payLater: input.products.includes('PAY_LATER'),
      amount: input.amount ?? null,
      multiplier: input.multiplier ?? null,
      startsAt,
      endsAt,
      reason: input.reason.trim(),
      createdAt: now,
      campaignId: null,
      cancelledAt: null,
      cancelledBy: null,
      cancelReason: null,
    };
    const outcome = await ctx.lines.insertUplift(uplift);
    // the guarded insert re-checks what was read above; a line changed in between is refused, not overlaid
    if (outcome === 'LINE_REFUSED') throw conflict('Cannot add uplift: the line changed meanwhile; try again');
    if (outcome === 'OVER_BUDGET') throw conflict('The uplift would pass the portfolio exposure budget (PORTFOLIO_BUDGET_EXHAUSTED)');
    return uplift;
  },
  cancelUplift: async (_parent, { input }, ctx) => {
    const problems = new InputProblems();
    for (const p of cancelProblems(input)) problems.add(`input.${p.path}`, p.reason);
    problems.throwIfAny('Cannot cancel uplift');
    return ctx.cancellations.cancelUplift(input.upliftId, input.reason.trim(), ctx.principal?.subject ?? 'system');
  },
};
