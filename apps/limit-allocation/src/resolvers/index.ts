import { sharedScalarResolvers } from '@jc/graphql-shared';
import type { Resolvers } from '../generated/graphql';
import { CreditLine } from './credit-line';
import { Customer } from './customer';
import { Mutation } from './mutation';

export const resolvers: Resolvers = { ...sharedScalarResolvers, Customer, CreditLine, Mutation };
