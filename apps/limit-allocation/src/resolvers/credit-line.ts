import type { CreditLineResolvers, UpliftResolvers } from '../generated/graphql';
import { effectiveLimits, jointAvailable, jointHeld, jointUsed, productLine } from '../model/credit-line';
import { isActive } from '../model/uplift';

export const CreditLine: CreditLineResolvers = {
  status: ({ line }) => line.status,
  jointLimit: ({ line }) => line.jointLimit,
  effectiveJointLimit: (view) => effectiveLimits(view).joint,
  jointUsed: ({ line }) => jointUsed(line),
  jointHeld: ({ line }) => jointHeld(line),
  jointAvailable: (view) => jointAvailable(view),
  cashLoan: (view) => productLine(view, 'CASH_LOAN'),
  payLater: (view) => productLine(view, 'PAY_LATER'),
  uplifts: ({ uplifts, at }) => uplifts.filter((u) => isActive(u, at) || u.startsAt > at),
  openedAt: ({ line }) => line.openedAt,
  updatedAt: ({ line }) => line.updatedAt,
};

export const Uplift: UpliftResolvers = {
  products: (u) => [...(u.cashLoan ? (['CASH_LOAN'] as const) : []), ...(u.payLater ? (['PAY_LATER'] as const) : [])],
};
