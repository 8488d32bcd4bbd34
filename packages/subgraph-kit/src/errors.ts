import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { errorCodes, isWriteConflict } from './write-conflicts';

/**
 * Codes a client may see with the original message. Anything else is an internal failure whose
 * message could carry SQL, stack frames or another service's body, so it is replaced.
 */
export const PUBLIC_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'SERVICE_UNAVAILABLE',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'QUERY_TOO_COMPLEX',
]);

export interface InvalidItem {
  path: string;
  reason: string;
}

export function badInput(message: string, invalid?: InvalidItem[]): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(invalid ? { invalid } : {}) } });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

export function conflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT' } });
}

export function forbidden(message = 'Not allowed'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function unauthenticated(message = 'Authentication required'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

/** Collects every problem of an input before failing, so a client fixes them in one round trip. */
export class InputProblems {
  private readonly items: InvalidItem[] = [];

  add(path: string, reason: string): this {
    this.items.push({ path, reason });
    return this;
  }

  check(condition: boolean, path: string, reason: string): this {
    if (!condition) this.add(path, reason);
    return this;
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  throwIfAny(message = 'Invalid input'): void {
    if (this.items.length === 0) return;
    const detail = this.items.map((i) => `${i.path}: ${i.reason}`).join('; ');
    throw badInput(`${message}: ${detail}`, this.items);
  }
}

export interface ErrorFormatterOptions {
  exposeInternals: boolean;
}

/** Lost or refused database connections, and a server shutting down: worth a retry, not a bug. */
const DATABASE_UNAVAILABLE = /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down)/i;

const UNAVAILABLE_CODES = new Set(['57P01', '57P03', 'ECONNREFUSED', 'ECONNRESET']);

function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { message?: string; driverError?: { message?: string } } | null;
  return errorCodes(err).some((c) => UNAVAILABLE_CODES.has(c)) || DATABASE_UNAVAILABLE.test(`${e?.message ?? ''} ${e?.driverError?.message ?? ''}`);
}

/** What the caller gets instead of an error it may not see, and how loudly the original is logged. */
export interface Masking {
  level: 'warn' | 'error';
  /** The log message beside the original. */
  log: string;
  message: string;
  code: string;
}

/**
 * How an error with this code (none means internal) is masked, or null when its code is public.
 * `original` is what a resolver threw, unwrapped.
 */
export function maskingOf(code: unknown, original: unknown): Masking | null {
  if (PUBLIC_ERROR_CODES.has(String(code ?? 'INTERNAL_SERVER_ERROR'))) return null;
  if (isWriteConflict(original)) {
    return { level: 'warn', log: 'write conflict persisted through retries', message: 'Concurrent writes to the same records kept colliding; retry shortly', code: 'SERVICE_UNAVAILABLE' };
  }
  if (isDatabaseUnavailable(original)) {
    return { level: 'warn', log: 'database unavailable', message: 'The service cannot reach its database right now; retry shortly', code: 'SERVICE_UNAVAILABLE' };
  }
  return { level: 'error', log: 'internal error', message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' };
}

/**
 * Shapes every error leaving a server: a stable code, a safe message, never a stack trace. It logs
 * nothing, as it is not told which request an error belongs to: `logMaskedErrors` logs the
 * originals under the request id.
 */
export function createErrorFormatter({ exposeInternals }: ErrorFormatterOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const masking = maskingOf(formatted.extensions?.code, unwrapResolverError(error));
    if (!masking) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return exposeInternals ? formatted : { ...formatted, extensions };
    }
    // in development a bug is shown in full; a retryable failure keeps its advice to retry
    if (exposeInternals && masking.code === 'INTERNAL_SERVER_ERROR') return formatted;
    return { message: masking.message, path: formatted.path, locations: formatted.locations, extensions: { code: masking.code } };
  };
}
