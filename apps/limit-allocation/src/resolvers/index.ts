import { sharedScalarResolvers } from '@jc/graphql-shared';
import type { Resolvers } from '../generated/graphql';
import { Campaign, campaignQueries } from './campaign';
import { CreditLine, Uplift } from './credit-line';
import { Customer } from './customer';
import { deadLetterMutations, deadLetterQueries } from './dead-letters';
import { ExposureGroup, PortfolioBudget, PortfolioSummary, portfolioQueries } from './portfolio';
import { Mutation } from './mutation';
import { LimitDecision, Policy, policyQueries } from './policy';
import { LimitTerms } from './line-status';
import { AuthorizationResult, utilisationQueries } from './utilisation';
import { allocationMutations, allocationQueries } from './allocation-simulations';

export const resolvers: Resolvers = {
  ...sharedScalarResolvers,
  Customer,
  CreditLine,
  Uplift,
  AuthorizationResult,
  LimitDecision,
  LimitTerms,
  Policy,
  Campaign,
  PortfolioSummary,
  ExposureGroup,
  PortfolioBudget,
  Query: { ...utilisationQueries, ...policyQueries, ...campaignQueries, ...portfolioQueries, ...deadLetterQueries, ...allocationQueries },
  Mutation: { ...Mutation, ...deadLetterMutations, ...allocationMutations },
};
