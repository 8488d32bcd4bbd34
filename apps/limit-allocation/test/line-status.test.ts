import { fixedClock } from '@jc/domain';
import { testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { statusChangeProblems, statusRefusal } from '../src/model/line-status';
import { startLimitSubgraph, stopLimitSubgraph } from './support/subgraph';

const clock = fixedClock('2026-11-30T08:00:00Z');
let database: Database;
let server: SubgraphServer;

const exec = (query: string, variables: Record<string, unknown> = {}, who = testPrincipals.admin) => server.execute({ query, variables }, who);
const change = (op: 'freezeCreditLine' | 'unfreezeCreditLine' | 'closeCreditLine', customerId: string, reasons: unknown = ['fraud review'], who = testPrincipals.admin) =>
  exec(
    `mutation ($i: ChangeLineStatusInput!) { ${op}(input: $i) { trigger reasonCodes actor inputs direction before { status jointLimit } after { status jointLimit } } }`,
    { i: { customerId, reasons } },
    who,
  );
const authorize = (customerId: string, product: string, key: string) =>
  exec(`mutation ($i: AuthorizeInput!) { authorize(input: $i) { approved declineReason hold { id } } }`, { i: { customerId, product, amount: '10.00', idempotencyKey: key } });
const line = async (id: string) => (await database.dataSource.query(`SELECT status, cash_loan_used + cash_loan_held + pay_later_used + pay_later_held AS out FROM credit_lines WHERE customer_id = $1`, [id]))[0];
const decisions = async () => (await database.dataSource.query(`SELECT count(*)::int AS n FROM limit_decisions`))[0].n as number;

const A = 'c_00000000000e0001';
const B = 'c_00000000000e0002';

beforeAll(async () => {
  ({ database, server } = await startLimitSubgraph(clock));
  for (const id of [A, B]) {
    const open = await exec(`mutation { openCreditLine(input: { customerId: "${id}", jointLimit: "10000.00", cashLoanLimit: "5000.00", payLaterLimit: "5000.00" }) { status } }`);
    expect(open.errors).toBeUndefined();
  }
});
afterAll(() => stopLimitSubgraph(server, database));

describe('the rules (domain)', () => {
  it('names every bad field and reason', () => {
    expect(statusChangeProblems({ customerId: 'x', reasons: [] }).map((p) => p.path)).toEqual(['customerId', 'reasons']);
    expect(statusChangeProblems({ customerId: A, reasons: ['ok', ' ', 'y'.repeat(201)] }).map((p) => p.path)).toEqual(['reasons.1', 'reasons.2']);
    expect(statusChangeProblems({ customerId: A, reasons: Array(11).fill('r') }).map((p) => p.path)).toEqual(['reasons']);
    expect(statusChangeProblems({ customerId: A, reasons: ['r'] })).toEqual([]);
  });

  it('says why a change was refused', () => {
    expect(statusRefusal('UNFREEZE', 'ACTIVE', false)).toBe('the line is ACTIVE');
    expect(statusRefusal('FREEZE', 'CLOSED', true)).toBe('the line is CLOSED');
    expect(statusRefusal('CLOSE', 'ACTIVE', false)).toBe('the line changed meanwhile; try again');
    expect(statusRefusal('CLOSE', 'FROZEN', true)).toBe('the line still has a drawn balance or open holds');
  });
});

it('freezes a line with a decision record: new draws decline LINE_FROZEN, settling holds still works', async () => {
  const held = await authorize(A, 'PAY_LATER', 'ls-1');
  expect(held.data!.authorize.approved).toBe(true);
  const frozen = await change('freezeCreditLine', A, ['  fraud review  ']);
  expect(frozen.errors).toBeUndefined();
  expect(frozen.data!.freezeCreditLine).toMatchObject({
    trigger: 'MANUAL_FREEZE',
    reasonCodes: ['fraud review'],
    actor: testPrincipals.admin.subject,
    direction: 'UNCHANGED',
    before: { status: 'ACTIVE', jointLimit: '10000.00' },
    after: { status: 'FROZEN', jointLimit: '10000.00' },
  });
  expect(JSON.parse(frozen.data!.freezeCreditLine.inputs)).toEqual({ change: 'FREEZE', reasons: ['fraud review'] });
  expect((await authorize(A, 'PAY_LATER', 'ls-2')).data!.authorize).toMatchObject({ approved: false, declineReason: 'LINE_FROZEN' });
  const release = await exec(`mutation ($h: ID!) { release(input: { holdId: $h }) { status } }`, { h: held.data!.authorize.hold.id });
  expect(release.data!.release.status).toBe('RELEASED');
});

it('refuses a change that does not fit the status with CONFLICT and records nothing', async () => {
  const before = await decisions();
  expect((await change('freezeCreditLine', A)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect((await change('unfreezeCreditLine', B)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(await decisions()).toBe(before);
  expect((await line(A)).status).toBe('FROZEN');
  expect((await line(B)).status).toBe('ACTIVE');
});

it('unfreezes a frozen line, and draws are granted again', async () => {
  const res = await change('unfreezeCreditLine', A, ['review cleared']);
  expect(res.data!.unfreezeCreditLine).toMatchObject({ trigger: 'MANUAL_UNFREEZE', before: { status: 'FROZEN' }, after: { status: 'ACTIVE' }, reasonCodes: ['review cleared'] });
  expect((await authorize(A, 'PAY_LATER', 'ls-3')).data!.authorize.approved).toBe(true);
});

it('closes only a line with nothing drawn or held', async () => {
  const before = await decisions();
  const refused = await change('closeCreditLine', A, ['customer asked']);
  expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(refused.errors?.[0]?.message).toContain('drawn balance or open holds');
  expect(await decisions()).toBe(before);
  expect((await line(A)).status).toBe('ACTIVE');

  const granted = async () => Number((await database.dataSource.query(`SELECT granted FROM portfolio_budget WHERE id = 1`))[0].granted);
  const grantedBefore = await granted();
  const closed = await change('closeCreditLine', B, ['customer asked']);
  // a closed line grants nothing: its joint limit goes back to the portfolio budget
  expect(grantedBefore - (await granted())).toBe(1_000_000);
  expect(closed.data!.closeCreditLine).toMatchObject({ trigger: 'MANUAL_CLOSE', before: { status: 'ACTIVE' }, after: { status: 'CLOSED' } });
  expect((await authorize(B, 'PAY_LATER', 'ls-4')).data!.authorize).toMatchObject({ approved: false, declineReason: 'LINE_CLOSED' });
  expect((await change('unfreezeCreditLine', B)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect((await change('freezeCreditLine', B)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
});

it('shows the status changes in the limit history, newest first', async () => {
  const res = await exec(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { limitHistory(first: 5) { edges { node { trigger after { status } } } } } } }`, {
    r: [{ __typename: 'Customer', id: A }],
  });
  expect(res.errors).toBeUndefined();
  const nodes = res.data!._entities[0].limitHistory.edges.map((e: { node: unknown }) => e.node);
  expect(nodes.slice(0, 2)).toEqual([
    { trigger: 'MANUAL_UNFREEZE', after: { status: 'ACTIVE' } },
    { trigger: 'MANUAL_FREEZE', after: { status: 'FROZEN' } },
  ]);
});

it.each([
  ['a bad customer id', 'x', ['r'], 'input.customerId'],
  ['no reasons', A, [], 'input.reasons'],
  ['a blank reason', A, ['ok', '  '], 'input.reasons.1'],
])('refuses %s with BAD_USER_INPUT and changes nothing', async (_name, customerId, reasons, path) => {
  const before = await decisions();
  const res = await change('freezeCreditLine', customerId, reasons);
  expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(res.errors?.[0]?.message).toContain(path);
  expect(await decisions()).toBe(before);
  expect((await line(A)).status).toBe('ACTIVE');
});

it('answers NOT_FOUND for a customer without a line', async () => {
  expect((await change('closeCreditLine', 'c_00000000000e00ff')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});

it('lets only ADMIN change a status', async () => {
  for (const who of [testPrincipals.service, testPrincipals.analyst]) {
    expect((await change('freezeCreditLine', A, ['r'], who)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
  expect((await line(A)).status).toBe('ACTIVE');
});

it('of a close racing with draws, either the close wins and every draw declines, or a draw lands and the close is refused', async () => {
  const C = 'c_00000000000e0003';
  await exec(`mutation { openCreditLine(input: { customerId: "${C}", jointLimit: "1000.00", cashLoanLimit: "0.00", payLaterLimit: "1000.00" }) { status } }`);
  const [closing, ...draws] = await Promise.all([change('closeCreditLine', C, ['race']), ...Array.from({ length: 5 }, (_, k) => authorize(C, 'PAY_LATER', `race-${k}`))]);
  const approved = draws.filter((d) => d.data?.authorize.approved).length;
  const state = await line(C);
  if (closing!.errors) {
    expect(closing!.errors[0]!.extensions?.code).toBe('CONFLICT');
    expect(state.status).toBe('ACTIVE');
    expect(approved).toBeGreaterThan(0);
  } else {
    expect(state.status).toBe('CLOSED');
    expect(Number(state.out)).toBe(approved * 1000);
  }
});
