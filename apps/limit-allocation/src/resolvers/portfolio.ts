import { InputProblems } from '@jc/subgraph-kit';
import type { ExposureGroupResolvers, MutationResolvers, PortfolioBudgetResolvers, PortfolioSummaryResolvers, QueryResolvers } from '../generated/graphql';
import { HARD_PERSON_CAP } from '../model/policy';
import { budgetExposure } from '../model/portfolio';

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
/** Far above any real book, yet inside the Money range: a budget is a number of fen the platform can add up. */
const MAX_BUDGET = HARD_PERSON_CAP * 100_000_000;

export const PortfolioSummary: PortfolioSummaryResolvers = {
  grantedExposure: (t) => budgetExposure(t),
  budgetUsed: (t) => (t.exposureBudget === null ? null : ratio(budgetExposure(t), t.exposureBudget)),
  byProduct: (t) => [
    { product: 'CASH_LOAN' as const, ...t.cashLoan, utilisation: ratio(t.cashLoan.used + t.cashLoan.held, t.cashLoan.limit) },
    { product: 'PAY_LATER' as const, ...t.payLater, utilisation: ratio(t.payLater.used + t.payLater.held, t.payLater.limit) },
  ],
};

export const ExposureGroup: ExposureGroupResolvers = {
  utilisation: (g) => ratio(g.used + g.held, g.exposure),
};

export const PortfolioBudget: PortfolioBudgetResolvers = {
  grantedExposure: (b) => budgetExposure(b),
};

export const portfolioQueries: Pick<QueryResolvers, 'portfolioSummary'> = {
  portfolioSummary: (_parent, _args, ctx) => ctx.portfolio.totals(ctx.clock.now()),
};

export const portfolioMutations: Pick<MutationResolvers, 'setPortfolioBudget'> = {
  setPortfolioBudget: async (_parent, { input }, ctx) => {
    const budget = input.exposureBudget ?? null;
    const problems = new InputProblems();
    if (budget !== null) problems.check(budget >= 0 && budget <= MAX_BUDGET, 'input.exposureBudget', `must be 0 to ${MAX_BUDGET / 100} CNY`);
    problems.throwIfAny('Cannot set portfolio budget');
    return ctx.portfolio.setBudget(budget, ctx.principal?.subject ?? 'system', ctx.clock.now());
  },
};
