import { sharedScalarResolvers } from '@jc/graphql-shared';
import type { Resolvers } from '../generated/graphql';
import { Customer } from './customer';
import { deadLetterMutations, deadLetterQueries } from './dead-letters';
import { Mutation } from './mutation';
import { Query } from './query';
import { ScoringModel } from './scoring-model';

export const resolvers: Resolvers = { ...sharedScalarResolvers, Customer, Query: { ...Query, ...deadLetterQueries }, Mutation: { ...Mutation, ...deadLetterMutations }, ScoringModel };
