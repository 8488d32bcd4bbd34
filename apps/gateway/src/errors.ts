import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { PUBLIC_ERROR_CODES } from '@jc/subgraph-kit/src/errors';
import { logMaskedErrors } from '@jc/subgraph-kit/src/error-logging';
import type { GatewayContext } from './context';

/** Codes shown as they are: the public ones, and a subgraph that failed to answer (the fetcher names it and what is missing). */
const isShown = (code: unknown) => PUBLIC_ERROR_CODES.has(String(code)) || code === 'SUBGRAPH_UNAVAILABLE';

/**
 * The per-input problems a subgraph lists on BAD_USER_INPUT (subgraph-kit's `badInput`), so a client
 * fixes them all in one round trip; kept only when every item is exactly a path and a reason.
 */
function invalidItems(value: unknown): { path: string; reason: string }[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const items: { path: string; reason: string }[] = [];
  for (const item of value) {
    if (!item || typeof item !== 'object') return undefined;
    const { path, reason, ...rest } = item as Record<string, unknown>;
    if (typeof path !== 'string' || typeof reason !== 'string' || Object.keys(rest).length > 0) return undefined;
    items.push({ path, reason });
  }
  return items;
}

/**
 * What a client may see of an error: a stable code and a safe message (and, for BAD_USER_INPUT,
 * which inputs were refused and why). Anything else unexpected is replaced by a generic message;
 * `gatewayErrorLogging` logs its original.
 */
export function createGatewayErrorFormatter(exposeInternals: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const extensions = formatted.extensions ?? {};
    const code = String(extensions.code ?? 'INTERNAL_SERVER_ERROR');
    const serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
    const base = { path: formatted.path, locations: formatted.locations };
    if (exposeInternals) return formatted;
    if (!isShown(code)) return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    if (code === 'SUBGRAPH_UNAVAILABLE') return { ...base, message: formatted.message, extensions: { code, serviceName } };
    const invalid = code === 'BAD_USER_INPUT' ? invalidItems(extensions.invalid) : undefined;
    return { ...base, message: formatted.message, extensions: invalid ? { code, invalid } : { code } };
  };
}

/** Logs every error the client gets as "Internal server error" in full, under the request id it is given. */
export function gatewayErrorLogging(logger: Logger) {
  return logMaskedErrors<GatewayContext>(
    ({ requestId }) => logger.child({ requestId }),
    (error) => (isShown(error.extensions.code) ? null : { level: 'error', log: 'error hidden from client' }),
  );
}
