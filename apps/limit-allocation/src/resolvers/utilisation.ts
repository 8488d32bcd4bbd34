import type { AuthorizationResultResolvers, QueryResolvers } from '../generated/graphql';

export const AuthorizationResult: AuthorizationResultResolvers = {
  hold: (outcome, _args, ctx) => (outcome.approved ? ctx.holdById.load(outcome.holdId) : null),
  declineReason: (outcome) => (outcome.approved ? null : outcome.declineReason),
};

export const utilisationQueries: Pick<QueryResolvers, 'hold'> = {
  hold: (_parent, { id }, ctx) => ctx.holdById.load(id),
};
