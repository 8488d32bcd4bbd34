import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

interface WireError {
  message: string;
  extensions?: { code?: unknown };
}

const line = (e: WireError) => (e.extensions?.code ? `${String(e.extensions.code)}: ${e.message}` : e.message);

/** The gateway answers refusals (401, 400 QUERY_TOO_COMPLEX, 429 ...) with a GraphQL error body too. */
function serverErrorLines(error: ServerError): string[] {
  try {
    const body = JSON.parse(error.bodyText) as { errors?: WireError[] };
    if (body.errors?.length) return body.errors.map(line);
  } catch {
    // not JSON: the status says enough
  }
  return [`HTTP ${error.statusCode}`];
}

/** The code and message of each GraphQL error, or the transport error's message. */
export function errorLines(error: unknown): string[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map(line);
  if (ServerError.is(error)) return serverErrorLines(error);
  return [error instanceof Error ? error.message : String(error)];
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="error">
      <strong>{t('errorTitle')}</strong>
      <ul>
        {errorLines(error).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="loading">
      {t('loading')}
    </p>
  );
}

interface QueryStateProps<T> {
  loading: boolean;
  error?: unknown;
  data: T | undefined;
  onRetry?: () => void;
  children: (data: T) => ReactNode;
}

/** Loading, error or the data: every query on every page goes through this. */
export function QueryState<T>({ loading, error, data, onRetry, children }: QueryStateProps<T>) {
  if (error) return <ErrorMessage error={error} onRetry={onRetry} />;
  if (data === undefined) return loading ? <Loading /> : null;
  return <>{children(data)}</>;
}
