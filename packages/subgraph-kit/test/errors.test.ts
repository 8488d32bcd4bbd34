import { GraphQLError } from 'graphql';
import { createErrorFormatter, InputProblems } from '../src';

it('passes public errors with their code but without a stack trace', () => {
  const format = createErrorFormatter({ exposeInternals: false });
  const out = format({ message: 'first must be between 1 and 100', extensions: { code: 'BAD_USER_INPUT', stacktrace: ['at x'] } }, new GraphQLError('x'));
  expect(out).toEqual({ message: 'first must be between 1 and 100', extensions: { code: 'BAD_USER_INPUT' } });
});

it('replaces internal errors with a safe message; logging the original is left to the request (error-logging.ts)', () => {
  const format = createErrorFormatter({ exposeInternals: false });
  const out = format(
    { message: 'duplicate key value violates unique constraint "customers_pkey"', path: ['customer'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at pg'] } },
    new Error('duplicate key value violates unique constraint "customers_pkey"'),
  );
  expect(out).toEqual({ message: 'Internal server error', path: ['customer'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  expect(JSON.stringify(out)).not.toMatch(/customers_pkey|at pg/);
});

it('collects every input problem into one BAD_USER_INPUT error', () => {
  const problems = new InputProblems().check(false, 'input.a', 'bad a').check(true, 'input.b', 'fine').add('input.c', 'bad c');
  try {
    problems.throwIfAny('Cannot do it');
    throw new Error('expected a throw');
  } catch (err) {
    expect((err as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', invalid: [{ path: 'input.a', reason: 'bad a' }, { path: 'input.c', reason: 'bad c' }] });
    expect((err as GraphQLError).message).toBe('Cannot do it: input.a: bad a; input.c: bad c');
  }
});
