import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { QueryLimits } from '../config';
import { measure } from './query-complexity';

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
}

/** Refuses an operation that is too deep, too aliased or too costly, before planning touches a subgraph. */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const { depth, aliases, cost } = measure(schema, document, operation, request.variables ?? {});
          if (depth > limits.maxDepth) throw tooComplex(`Query depth ${depth} exceeds the limit of ${limits.maxDepth}`);
          if (aliases > limits.maxAliases) throw tooComplex(`Query uses ${aliases} aliases; the limit is ${limits.maxAliases}`);
          if (cost > limits.maxCost) throw tooComplex(`Query cost ${cost} exceeds the limit of ${limits.maxCost}`);
        },
      };
    },
  };
}
