import { createErrorFormatter, isUniqueViolation, isWriteConflict, retryOnWriteConflict } from '../src';

/** How TypeORM wraps a driver error: the SQLSTATE sits on driverError (and is copied onto the wrapper). */
const pgError = (code: string) => Object.assign(new Error('from pg'), { driverError: { code } });

it('tells write conflicts (deadlock, serialization failure) from other database errors', () => {
  expect(isWriteConflict(pgError('40P01'))).toBe(true);
  expect(isWriteConflict({ code: '40001' })).toBe(true);
  expect(isWriteConflict(pgError('23505'))).toBe(false);
  expect(isWriteConflict(new Error('deadlock detected'))).toBe(false);
  expect(isWriteConflict(null)).toBe(false);
});

it('tells a unique violation, on the driver error or on TypeORM\'s wrapper, from other errors', () => {
  expect(isUniqueViolation(pgError('23505'))).toBe(true);
  expect(isUniqueViolation({ code: '23505' })).toBe(true);
  expect(isUniqueViolation(pgError('40P01'))).toBe(false);
  expect(isUniqueViolation(null)).toBe(false);
});

it('runs a transaction again after a write conflict and returns what the run that went through returned', async () => {
  let runs = 0;
  const retried: number[] = [];
  const result = await retryOnWriteConflict(
    async () => {
      runs += 1;
      if (runs < 3) throw pgError('40P01');
      return 'committed';
    },
    { baseDelayMs: 1, onRetry: (attempt) => retried.push(attempt) },
  );
  expect(result).toBe('committed');
  expect(runs).toBe(3);
  expect(retried).toEqual([1, 2]);
});

it('rethrows other errors at once and the last conflict once the attempts are spent', async () => {
  let runs = 0;
  const unique = pgError('23505');
  await expect(retryOnWriteConflict(async () => { runs += 1; throw unique; }, { baseDelayMs: 1 })).rejects.toBe(unique);
  expect(runs).toBe(1);

  runs = 0;
  await expect(retryOnWriteConflict(async () => { runs += 1; throw pgError('40001'); }, { attempts: 4, baseDelayMs: 1 })).rejects.toMatchObject({ driverError: { code: '40001' } });
  expect(runs).toBe(4);
});

it('answers a conflict that outlived its retries as SERVICE_UNAVAILABLE, without the SQL', () => {
  const format = createErrorFormatter({ exposeInternals: false });
  const out = format({ message: 'deadlock detected', path: ['recordTransactions'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, pgError('40P01'));
  expect(out.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  expect(out.message).toMatch(/retry/);
  expect(out.message).not.toMatch(/deadlock/);
});
