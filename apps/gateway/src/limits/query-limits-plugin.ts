import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { QueryLimits } from '../config';
import { isIntrospectionOnly } from './introspection-bound';
import { measure } from './query-complexity';

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
}

/**
 * No operation of the document is the one to run: several without an operationName, or none with the
 * name given. The gateway's executor would throw an uncoded error, answered as a 500 internal error.
 */
function unresolvedOperation(operationName: string | undefined | null): GraphQLError {
  const message = operationName
    ? `Unknown operation named "${operationName.slice(0, 100)}"`
    : 'The document has several operations: give the operation name to run in operationName';
  return new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
}

/**
 * Refuses an operation that cannot be chosen from the document, or that is too deep, too aliased or
 * too costly, before planning touches a subgraph. A query only about the schema is exempt from the
 * depth and cost limits (see isIntrospectionOnly), not from the alias limit.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<any> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) throw unresolvedOperation(request.operationName);
          const { depth, aliases, cost } = measure(schema, document, operation, request.variables ?? {});
          if (aliases > limits.maxAliases) throw tooComplex(`Query uses ${aliases} aliases; the limit is ${limits.maxAliases}`);
          // reaches here only where introspection is on (never in production: validation refuses it there)
          if (isIntrospectionOnly(document, operation)) return;
          if (depth > limits.maxDepth) throw tooComplex(`Query depth ${depth} exceeds the limit of ${limits.maxDepth}`);
          if (cost > limits.maxCost) throw tooComplex(`Query cost ${cost} exceeds the limit of ${limits.maxCost}`);
        },
      };
    },
  };
}
