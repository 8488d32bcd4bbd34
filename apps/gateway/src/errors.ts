import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { PUBLIC_ERROR_CODES } from '@jc/subgraph-kit/src/errors';

/**
 * What a client may see of an error: a stable code and a safe message. A subgraph that failed to
 * answer is named (the fetcher says which, and what is missing); anything else unexpected is
 * logged in full under the request id and replaced by a generic message.
 */
export function createGatewayErrorFormatter(logger: Logger, exposeInternals: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const extensions = formatted.extensions ?? {};
    const code = String(extensions.code ?? 'INTERNAL_SERVER_ERROR');
    const serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
    const base = { path: formatted.path, locations: formatted.locations };
    if (exposeInternals) return formatted;
    if (PUBLIC_ERROR_CODES.has(code)) return { ...base, message: formatted.message, extensions: { code } };
    if (code === 'SUBGRAPH_UNAVAILABLE') return { ...base, message: formatted.message, extensions: { code, serviceName } };
    logger.error({ err: error, formatted }, 'error hidden from client');
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
