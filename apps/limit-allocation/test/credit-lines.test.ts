import { fixedClock } from '@jc/domain';
import { testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { CreditLineRepository } from '../src/db/credit-line-repository';
import { useLimitSubgraph } from './support/subgraph';

const clock = fixedClock('2026-11-30T08:00:00Z');
let database: Database;
let server: SubgraphServer;

useLimitSubgraph(clock, (s) => ({ database, server } = s));

const OPEN = `mutation ($input: OpenCreditLineInput!) {
  openCreditLine(input: $input) {
    status jointLimit jointUsed jointAvailable openedAt
    cashLoan { product limit used available } payLater { product limit used available }
  }
}`;
const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id creditLine { jointLimit payLater { available } } } } }`;
const input = (customerId: string, patch: Record<string, string> = {}) => ({
  customerId,
  jointLimit: '20000.00',
  cashLoanLimit: '15000.00',
  payLaterLimit: '8000.00',
  ...patch,
});

async function lineCount(): Promise<number> {
  const [row] = await database.dataSource.query('SELECT count(*)::int AS n FROM credit_lines');
  return row.n;
}

it('opens a line whose product availability is bounded by the joint limit', async () => {
  const res = await server.execute({ query: OPEN, variables: { input: input('c_00000000000000a1') } }, testPrincipals.admin);
  expect(res.errors).toBeUndefined();
  expect(res.data?.openCreditLine).toEqual({
    status: 'ACTIVE',
    jointLimit: '20000.00',
    jointUsed: '0.00',
    jointAvailable: '20000.00',
    openedAt: '2026-11-30T08:00:00.000Z',
    cashLoan: { product: 'CASH_LOAN', limit: '15000.00', used: '0.00', available: '15000.00' },
    payLater: { product: 'PAY_LATER', limit: '8000.00', used: '0.00', available: '8000.00' },
  });
});

it('refuses a second line for the same customer with CONFLICT', async () => {
  const before = await lineCount();
  const res = await server.execute({ query: OPEN, variables: { input: input('c_00000000000000a1', { jointLimit: '30000.00' }) } }, testPrincipals.admin);
  expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(await lineCount()).toBe(before);
});

it.each([
  ['a bad customer id', { customerId: 'x' }, 'input.customerId'],
  ['a zero joint limit', { jointLimit: '0.00' }, 'input.jointLimit'],
  ['a limit above the per-person cap', { jointLimit: '200000.01' }, 'input.jointLimit'],
  ['a negative sub-limit', { cashLoanLimit: '-5.00' }, 'input.cashLoanLimit'],
  ['a sub-limit above the joint limit', { payLaterLimit: '20000.01' }, 'input.payLaterLimit'],
])('rejects %s with BAD_USER_INPUT and stores nothing', async (_name, patch, path) => {
  const before = await lineCount();
  const { customerId = 'c_00000000000000b2', ...rest } = patch as Record<string, string>;
  const res = await server.execute({ query: OPEN, variables: { input: input(customerId, rest) } }, testPrincipals.admin);
  expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(res.errors?.[0]?.message).toContain(path);
  expect(await lineCount()).toBe(before);
});

it('the database refuses a line drawn past its limit even if code tried', async () => {
  await expect(
    database.dataSource.query(`UPDATE credit_lines SET pay_later_used = pay_later_limit + 1 WHERE customer_id = 'c_00000000000000a1'`),
  ).rejects.toThrow(/pay_later_within_limit/);
});

it('resolves _entities in one batch; a customer without a line has creditLine null', async () => {
  const spy = jest.spyOn(CreditLineRepository.prototype, 'linesAt');
  const res = await server.execute({
    query: ENTITIES,
    variables: { r: ['c_00000000000000a1', 'c_00000000000000ff'].map((id) => ({ __typename: 'Customer', id })) },
  }, testPrincipals.admin);
  expect(res.errors).toBeUndefined();
  expect(res.data?._entities).toEqual([
    { id: 'c_00000000000000a1', creditLine: { jointLimit: '20000.00', payLater: { available: '8000.00' } } },
    { id: 'c_00000000000000ff', creditLine: null },
  ]);
  expect(spy).toHaveBeenCalledTimes(1);
  spy.mockRestore();
});

it('resolves a representation without a usable customer id to null, and the rest of the batch as usual', async () => {
  const representations = [{ id: 'c_00000000000000a1' }, {}, { id: null }, { id: 5 }, { id: 'not-an-id' }].map((r) => ({ __typename: 'Customer', ...r }));
  const res = await server.execute({ query: ENTITIES, variables: { r: representations } }, testPrincipals.admin);
  expect(res.errors).toBeUndefined();
  expect(res.data?._entities).toEqual([{ id: 'c_00000000000000a1', creditLine: { jointLimit: '20000.00', payLater: { available: '8000.00' } } }, null, null, null, null]);
});
