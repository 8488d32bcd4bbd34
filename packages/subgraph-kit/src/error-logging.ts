import type { ApolloServerPlugin, BaseContext as ApolloContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import type { Logger } from './logger';

/** How loudly an error's original is logged, or null for an error its caller sees as it is. */
export type MaskedErrorLog = (error: GraphQLError, original: unknown) => { level: 'warn' | 'error'; log: string } | null;

/**
 * Logs the original (message and stack) of every error the caller will see masked, once, with the
 * request's logger, so under the request id the caller is given. The error formatter cannot: it
 * is not told which request an error belongs to.
 */
export function logMaskedErrors<TContext extends ApolloContext>(loggerFor: (context: TContext) => Logger, maskedLog: MaskedErrorLog): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const masked = maskedLog(error, original);
            if (masked) loggerFor(contextValue)[masked.level]({ err: original, path: error.path }, masked.log);
          }
        },
      };
    },
    // a failure of the pipeline itself reaches the caller as "Internal server error" without passing the hook above
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      loggerFor(requestContext.contextValue).error({ err: error }, 'unexpected error processing request');
    },
  };
}
