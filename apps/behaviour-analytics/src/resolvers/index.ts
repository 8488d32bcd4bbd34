import { sharedScalarResolvers } from '@jc/graphql-shared';
import type { Resolvers } from '../generated/graphql';
import { Customer } from './customer';

export const resolvers: Resolvers = { ...sharedScalarResolvers, Customer };
