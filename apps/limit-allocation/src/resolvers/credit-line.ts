import type { CreditLineResolvers, UpliftResolvers } from '../generated/graphql';
import { effectiveLimits, jointAvailable, jointHeld, jointUsed, productLine } from '../model/credit-line';
import { isActive } from '../model/uplift';

export const CreditLine: CreditLineResolvers = {
  status: ({ line }) => line.status,
  jointLimit: ({ line }) => line.jointLimit,
  effectiveJointLimit: async (view, _args, ctx) => effectiveLimits(view, await ctx.personCap()).joint,
  jointUsed: ({ line }) => jointUsed(line),
  jointHeld: ({ line }) => jointHeld(line),
  jointAvailable: async (view, _args, ctx) => jointAvailable(view, await ctx.personCap()),
  cashLoan: async (view, _args, ctx) => productLine(view, 'CASH_LOAN', await ctx.personCap()),
  payLater: async (view, _args, ctx) => productLine(view, 'PAY_LATER', await ctx.personCap()),
  uplifts: ({ uplifts, at }) => uplifts.filter((u) => isActive(u, at) || u.startsAt > at),
  openedAt: ({ line }) => line.openedAt,
  updatedAt: ({ line }) => line.updatedAt,
};

export const Uplift: UpliftResolvers = {
  products: (u) => [...(u.cashLoan ? (['CASH_LOAN'] as const) : []), ...(u.payLater ? (['PAY_LATER'] as const) : [])],
};
