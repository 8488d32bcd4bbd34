import { conflict, InputProblems, toConnection } from '@jc/subgraph-kit';
import type { CampaignResolvers, MutationResolvers, QueryResolvers } from '../generated/graphql';
import { campaignProblems } from '../model/campaign';
import { campaignStatus, cancelProblems } from '../model/overlay-cancellation';
import { serialPage } from './serial-page';

export const Campaign: CampaignResolvers = {
  products: (c) => [...(c.cashLoan ? (['CASH_LOAN'] as const) : []), ...(c.payLater ? (['PAY_LATER'] as const) : [])],
  status: (c, _args, ctx) => campaignStatus(c, ctx.clock.now()),
};

export const campaignQueries: Pick<QueryResolvers, 'campaigns'> = {
  campaigns: async (_parent, { first, after }, ctx) => {
    const { size, before } = serialPage(first, after);
    return toConnection(await ctx.campaigns.page(size + 1, before), size, (c) => c.id);
  },
};

export const campaignMutations: Pick<MutationResolvers, 'createUpliftCampaign' | 'cancelUpliftCampaign'> = {
  createUpliftCampaign: async (_parent, { input }, ctx) => {
    const now = ctx.clock.now();
    const campaign = { ...input, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) };
    const problems = new InputProblems();
    for (const p of campaignProblems(campaign, now, await ctx.personCap())) problems.add(`input.${p.path}`, p.reason);
    problems.throwIfAny('Cannot create campaign');
    const result = await ctx.campaigns.create(campaign, ctx.principal?.subject ?? 'system', now);
    if (result.outcome === 'CREATED' || result.outcome === 'REPLAYED') return result.campaign;
    if (result.outcome === 'OVER_BUDGET') throw conflict('The campaign would pass the portfolio exposure budget (PORTFOLIO_BUDGET_EXHAUSTED); nothing was applied');
    throw conflict('This idempotency key was already used for a different campaign request; nothing was applied');
  },
  cancelUpliftCampaign: async (_parent, { input }, ctx) => {
    const problems = new InputProblems();
    for (const p of cancelProblems(input)) problems.add(`input.${p.path}`, p.reason);
    problems.throwIfAny('Cannot cancel campaign');
    return ctx.cancellations.cancelCampaign(input.campaignId, input.reason.trim(), ctx.principal?.subject ?? 'system');
  },
};
