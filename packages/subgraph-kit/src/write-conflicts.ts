import type { DataSource, EntityManager } from 'typeorm';

/**
 * PostgreSQL aborts one of two transactions that wait on each other's row locks (deadlock_detected)
 * or that a serializable snapshot cannot order (serialization_failure). Neither says anything about
 * the request: the same transaction, run again once the other has committed, goes through.
 */
const CONFLICT_CODES = new Set(['40P01', '40001']);

/** The SQLSTATE or socket code of a driver error, read on it and on TypeORM's wrapper around it. */
export function errorCodes(err: unknown): string[] {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  return [e?.code, e?.driverError?.code].filter((c): c is string => typeof c === 'string');
}

/** A unique index refused the row (unique_violation): another request stored the same key first. */
export function isUniqueViolation(err: unknown): boolean {
  return errorCodes(err).includes('23505');
}

export function isWriteConflict(err: unknown): boolean {
  return errorCodes(err).some((c) => CONFLICT_CODES.has(c));
}

export interface ConflictRetryOptions {
  /** Runs in all, the first included. */
  attempts?: number;
  /** Upper bound of the first pause; each later pause may be twice as long. Jittered so the two sides part. */
  baseDelayMs?: number;
  onRetry?: (attempt: number, err: unknown) => void;
}

/**
 * Runs `transaction` again when the database aborted it for a write conflict. Only for work that
 * is a whole transaction (nothing of a failed run is left behind); the last conflict is rethrown.
 */
export async function retryOnWriteConflict<T>(transaction: () => Promise<T>, options: ConflictRetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 20;
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (err) {
      if (attempt >= attempts || !isWriteConflict(err)) throw err;
      options.onRetry?.(attempt, err);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * base * 2 ** (attempt - 1)));
    }
  }
}

/** A transaction that runs again, whole, when the database aborted it for a write conflict. */
export function transactionRetryingConflicts<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, options?: ConflictRetryOptions): Promise<T> {
  return retryOnWriteConflict(() => dataSource.transaction(work), options);
}
