import { fixedClock } from '@jc/domain';
import { testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { CreditLineRepository } from '../src/db/credit-line-repository';
import { UtilisationRepository } from '../src/db/utilisation-repository';
import { UtilisationService } from '../src/services/utilisation-service';
import { useLimitSubgraph } from './support/subgraph';
import { customerIds } from './support/customer-ids';

const clock = fixedClock('2026-11-30T08:00:00Z');
let database: Database;
let server: SubgraphServer;

useLimitSubgraph(clock, (s) => ({ database, server } = s));

let seq = 0;
const customer = customerIds(0xd00000);
const key = () => `key-${(seq += 1)}`;

function run(query: string, variables: Record<string, unknown> = {}) {
  return server.execute({ query, variables }, testPrincipals.service);
}

async function ok(query: string, variables: Record<string, unknown> = {}) {
  const res = await run(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

async function open(id: string, jointLimit = '10000.00', cashLoanLimit = '6000.00', payLaterLimit = '5000.00') {
  await ok(`mutation ($i: OpenCreditLineInput!) { openCreditLine(input: $i) { status } }`, { i: { customerId: id, jointLimit, cashLoanLimit, payLaterLimit } });
}

const AUTHORIZE = `mutation ($i: AuthorizeInput!) { authorize(input: $i) { approved declineReason hold { id customerId product amount captured status merchant expiresAt } } }`;
const CAPTURE = `mutation ($i: CaptureInput!) { capture(input: $i) { id status amount captured } }`;
const RELEASE = `mutation ($i: ReleaseInput!) { release(input: $i) { id status } }`;
const REPAY = `mutation ($i: RepayInput!) { repay(input: $i) { jointUsed payLater { used available } cashLoan { used available } } }`;
const UPLIFT = `mutation ($i: AddUpliftInput!) { addUplift(input: $i) { id products amount multiplier reason } }`;
const LINE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { creditLine {
  status jointLimit effectiveJointLimit jointUsed jointHeld jointAvailable
  cashLoan { limit effectiveLimit used held available apr } payLater { limit effectiveLimit used held available apr }
  uplifts { products amount multiplier }
} } } }`;
const LEDGER = `query ($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Customer {
  ledger(first: 2, after: $after) { edges { cursor node { kind product heldDelta usedDelta holdId } } pageInfo { hasNextPage endCursor } }
} } }`;

async function line(id: string) {
  const data = await ok(LINE, { r: [{ __typename: 'Customer', id }] });
  return data._entities[0].creditLine;
}

const authorize = (customerId: string, amount: string, patch: Record<string, unknown> = {}) =>
  run(AUTHORIZE, { i: { customerId, product: 'PAY_LATER', amount, idempotencyKey: key(), ...patch } });

/** Every row of every table this subgraph owns, to prove a refused request changed nothing. */
async function digest(): Promise<string> {
  const tables = ['credit_lines', 'holds', 'ledger_entries', 'uplifts', 'idempotency_keys'];
  const parts = await Promise.all(tables.map((t) => database.dataSource.query(`SELECT * FROM ${t} ORDER BY 1`)));
  return JSON.stringify(parts);
}

describe('authorize, capture, release, repay', () => {
  const id = customer();
  beforeAll(() => open(id));

  it('places a hold that reserves availability and writes a ledger entry', async () => {
    const res = await authorize(id, '1200.50', { merchant: 'Tmall', expiresIn: 3600 });
    expect(res.errors).toBeUndefined();
    const { approved, declineReason, hold } = res.data!.authorize;
    expect({ approved, declineReason }).toEqual({ approved: true, declineReason: null });
    expect(hold).toMatchObject({ customerId: id, product: 'PAY_LATER', amount: '1200.50', captured: '0.00', status: 'HELD', merchant: 'Tmall', expiresAt: '2026-11-30T09:00:00.000Z' });
    expect(await line(id)).toMatchObject({
      jointHeld: '1200.50',
      jointUsed: '0.00',
      jointAvailable: '8799.50',
      payLater: { limit: '5000.00', effectiveLimit: '5000.00', used: '0.00', held: '1200.50', available: '3799.50', apr: 0.18 },
      cashLoan: { held: '0.00', available: '6000.00' },
    });
  });

  it('captures part of a hold: the captured part is drawn, the rest goes back', async () => {
    const { hold } = (await authorize(id, '300.00')).data!.authorize;
    const before = await line(id);
    const captured = await ok(CAPTURE, { i: { holdId: hold.id, amount: '250.00' } });
    expect(captured.capture).toEqual({ id: hold.id, status: 'CAPTURED', amount: '300.00', captured: '250.00' });
    const after = await line(id);
    expect(Number(after.payLater.held)).toBeCloseTo(Number(before.payLater.held) - 300, 2);
    expect(after.payLater.used).toBe('250.00');
  });

  it('refuses to capture more than the hold, an unknown hold or a settled one, and changes nothing', async () => {
    const { hold } = (await authorize(id, '100.00')).data!.authorize;
    const before = await digest();
    const above = await run(CAPTURE, { i: { holdId: hold.id, amount: '100.01' } });
    expect(above.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(above.errors?.[0]?.message).toContain('input.amount');
    const unknown = await run(CAPTURE, { i: { holdId: `h_${'0'.repeat(32)}`, amount: '1.00' } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await digest()).toBe(before);
    await ok(RELEASE, { i: { holdId: hold.id } });
    const settled = await digest();
    const again = await run(CAPTURE, { i: { holdId: hold.id, amount: '1.00' } });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const releaseAgain = await run(RELEASE, { i: { holdId: hold.id } });
    expect(releaseAgain.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await digest()).toBe(settled);
  });

  it('releases a hold back to the line', async () => {
    const before = await line(id);
    const { hold } = (await authorize(id, '500.00')).data!.authorize;
    expect((await line(id)).payLater.available).not.toBe(before.payLater.available);
    expect((await ok(RELEASE, { i: { holdId: hold.id } })).release.status).toBe('RELEASED');
    expect(await line(id)).toEqual(before);
  });

  it('repayment restores availability; more than the drawn balance is refused', async () => {
    const before = await line(id);
    const res = await ok(REPAY, { i: { customerId: id, product: 'PAY_LATER', amount: '50.00', idempotencyKey: key() } });
    expect(res.repay.payLater.used).toBe('200.00');
    expect(Number(res.repay.payLater.available)).toBeCloseTo(Number(before.payLater.available) + 50, 2);
    const unchanged = await digest();
    const over = await run(REPAY, { i: { customerId: id, product: 'PAY_LATER', amount: '200.01', idempotencyKey: key() } });
    expect(over.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await run(REPAY, { i: { customerId: customer(), product: 'PAY_LATER', amount: '1.00', idempotencyKey: key() } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await digest()).toBe(unchanged);
  });

  it('a repeated repayment key applies once and a different request under it is refused', async () => {
    const k = key();
    const input = { customerId: id, product: 'PAY_LATER', amount: '10.00', idempotencyKey: k };
    const [a, b] = await Promise.all([ok(REPAY, { i: input }), ok(REPAY, { i: input })]);
    expect(a.repay.payLater.used).toBe('190.00');
    expect(b.repay.payLater.used).toBe('190.00');
    const other = await run(REPAY, { i: { ...input, amount: '11.00' } });
    expect(other.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await line(id)).payLater.used).toBe('190.00');
  });

  it('lists the ledger newest first, page by page', async () => {
    const first = (await ok(LEDGER, { r: [{ __typename: 'Customer', id }] }))._entities[0].ledger;
    expect(first.edges.map((e: any) => e.node.kind)).toEqual(['REPAY', 'REPAY']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await ok(LEDGER, { r: [{ __typename: 'Customer', id }], after: first.pageInfo.endCursor }))._entities[0].ledger;
    expect(second.edges[0].node).toMatchObject({ kind: 'RELEASE', heldDelta: '-500.00', usedDelta: '0.00' });
    const bad = await run(LEDGER, { r: [{ __typename: 'Customer', id }], after: 'nonsense' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('idempotency and declines', () => {
  it('the same key with the same request returns the first hold; concurrent duplicates place one', async () => {
    const id = customer();
    await open(id);
    const i = { customerId: id, product: 'PAY_LATER', amount: '400.00', idempotencyKey: key() };
    const results = await Promise.all([1, 2, 3, 4].map(() => ok(AUTHORIZE, { i })));
    const holdIds = new Set(results.map((r) => r.authorize.hold.id));
    expect(holdIds.size).toBe(1);
    expect((await line(id)).payLater.held).toBe('400.00');
    const [{ n }] = await database.dataSource.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE customer_id = $1`, [id]);
    expect(n).toBe(1);
  });

  it('the same key with a different request is refused with CONFLICT and changes nothing', async () => {
    const id = customer();
    await open(id);
    const i = { customerId: id, product: 'PAY_LATER', amount: '400.00', idempotencyKey: key() };
    await ok(AUTHORIZE, { i });
    const before = await digest();
    const res = await run(AUTHORIZE, { i: { ...i, amount: '400.01' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await digest()).toBe(before);
  });

  it('declines with a reason and remembers the decline under its key', async () => {
    const id = customer();
    await open(id, '1000.00', '0.00', '800.00');
    const k = key();
    const tooMuch = await ok(AUTHORIZE, { i: { customerId: id, product: 'PAY_LATER', amount: '800.01', idempotencyKey: k } });
    expect(tooMuch.authorize).toEqual({ approved: false, declineReason: 'INSUFFICIENT_AVAILABLE', hold: null });
    const closed = await ok(AUTHORIZE, { i: { customerId: id, product: 'CASH_LOAN', amount: '1.00', idempotencyKey: key() } });
    expect(closed.authorize.declineReason).toBe('PRODUCT_CLOSED');
    await database.dataSource.query(`UPDATE credit_lines SET status = 'FROZEN' WHERE customer_id = $1`, [id]);
    const frozen = await ok(AUTHORIZE, { i: { customerId: id, product: 'PAY_LATER', amount: '1.00', idempotencyKey: key() } });
    expect(frozen.authorize.declineReason).toBe('LINE_FROZEN');
    // the first answer stands even though the line changed since
    const replay = await ok(AUTHORIZE, { i: { customerId: id, product: 'PAY_LATER', amount: '800.01', idempotencyKey: k } });
    expect(replay.authorize.declineReason).toBe('INSUFFICIENT_AVAILABLE');
    expect((await line(id)).jointHeld).toBe('0.00');
  });

  it('declines cash draws on a line whose cash draws are frozen', async () => {
    const id = customer();
    await open(id);
    await database.dataSource.query(`UPDATE credit_lines SET cash_loan_draws_frozen = true WHERE customer_id = $1`, [id]);
    const res = await ok(AUTHORIZE, { i: { customerId: id, product: 'CASH_LOAN', amount: '1.00', idempotencyKey: key() } });
    expect(res.authorize.declineReason).toBe('PRODUCT_CLOSED');
    expect((await line(id)).cashLoan.available).toBe('0.00');
  });

  it('the joint limit bounds the two products together', async () => {
    const id = customer();
    await open(id, '1000.00', '800.00', '800.00');
    expect((await authorize(id, '700.00', { product: 'CASH_LOAN' })).data!.authorize.approved).toBe(true);
    expect((await authorize(id, '300.01')).data!.authorize.declineReason).toBe('INSUFFICIENT_AVAILABLE');
    expect((await authorize(id, '300.00')).data!.authorize.approved).toBe(true);
    expect(await line(id)).toMatchObject({ jointAvailable: '0.00', payLater: { available: '0.00' }, cashLoan: { available: '0.00' } });
  });
});

describe('bad input', () => {
  const id = customer();
  beforeAll(() => open(id));
  const valid = () => ({ customerId: id, product: 'PAY_LATER', amount: '10.00', idempotencyKey: key() });

  it.each([
    ['a zero amount', { amount: '0.00' }, 'input.amount'],
    ['a negative amount', { amount: '-1.00' }, 'amount'],
    ['fractions of a fen', { amount: '1.001' }, 'Money'],
    ['an amount beyond any line', { amount: '200000.01' }, 'input.amount'],
    ['a bad customer id', { customerId: 'nobody' }, 'input.customerId'],
    ['a wrong product', { product: 'MORTGAGE' }, 'product'],
    ['an empty idempotency key', { idempotencyKey: '' }, 'input.idempotencyKey'],
    ['a missing idempotency key', { idempotencyKey: undefined }, 'idempotencyKey'],
    ['an expiry too short', { expiresIn: 1 }, 'input.expiresIn'],
    ['an empty merchant', { merchant: ' ' }, 'input.merchant'],
  ])('authorize refuses %s with BAD_USER_INPUT and changes nothing', async (_name, patch, path) => {
    const before = await digest();
    const res = await run(AUTHORIZE, { i: { ...valid(), ...patch } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(path);
    expect(await digest()).toBe(before);
  });

  it('authorize for a customer without a line is NOT_FOUND and changes nothing', async () => {
    const before = await digest();
    const res = await run(AUTHORIZE, { i: { ...valid(), customerId: customer() } });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await digest()).toBe(before);
  });

  it('capture refuses a malformed hold id and a zero amount, naming both', async () => {
    const res = await run(CAPTURE, { i: { holdId: 'h_1', amount: '0.00' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/input\.holdId.*input\.amount/);
  });
});

describe('the sweeper', () => {
  it('expires stale holds, gives their amount back and leaves captured ones alone', async () => {
    const id = customer();
    await open(id);
    const short = (await authorize(id, '100.00', { expiresIn: 60 })).data!.authorize.hold;
    const long = (await authorize(id, '200.00', { expiresIn: 7200 })).data!.authorize.hold;
    const kept = (await authorize(id, '300.00', { expiresIn: 60 })).data!.authorize.hold;
    await ok(CAPTURE, { i: { holdId: kept.id, amount: '300.00' } });
    clock.advance(61_000);
    try {
      const late = await run(CAPTURE, { i: { holdId: short.id, amount: '1.00' } });
      expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const ds = database.dataSource;
      const sweeper = new UtilisationService(new CreditLineRepository(ds), new UtilisationRepository(ds), clock);
      expect(await sweeper.expireStale()).toBe(1);
      expect(await sweeper.expireStale()).toBe(0);
      const statuses = await ok(`query { a: hold(id: "${short.id}") { status } b: hold(id: "${long.id}") { status } c: hold(id: "${kept.id}") { status } }`);
      expect(statuses).toEqual({ a: { status: 'EXPIRED' }, b: { status: 'HELD' }, c: { status: 'CAPTURED' } });
      expect(await line(id)).toMatchObject({ payLater: { held: '200.00', used: '300.00' } });
    } finally {
      clock.set('2026-11-30T08:00:00Z');
    }
  });
});

describe('uplifts', () => {
  it('raise the effective limits while active, never the base; expiry clamps new draws only', async () => {
    const id = customer();
    await open(id, '10000.00', '6000.00', '5000.00');
    const added = await ok(UPLIFT, {
      i: { customerId: id, products: ['PAY_LATER'], amount: '3000.00', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-11-30T12:00:00Z', reason: '11.11 peak' },
    });
    expect(added.addUplift).toMatchObject({ products: ['PAY_LATER'], amount: '3000.00', multiplier: null });
    await ok(UPLIFT, {
      i: { customerId: id, products: ['CASH_LOAN', 'PAY_LATER'], multiplier: 1.5, startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-01T00:00:00Z', reason: 'campaign' },
    });
    // PAY_LATER: 5000 + 3000 + 2500; CASH_LOAN: 6000 + 3000; joint: 10000 + 3000 + max(3000, 2500)
    expect(await line(id)).toMatchObject({
      jointLimit: '10000.00',
      effectiveJointLimit: '16000.00',
      payLater: { limit: '5000.00', effectiveLimit: '10500.00', available: '10500.00' },
      cashLoan: { limit: '6000.00', effectiveLimit: '9000.00', available: '9000.00' },
    });
    expect((await authorize(id, '10000.00')).data!.authorize.approved).toBe(true);
    expect((await authorize(id, '500.01')).data!.authorize.declineReason).toBe('INSUFFICIENT_AVAILABLE');
    clock.set('2026-11-30T13:00:00Z');
    try {
      // the amount uplift has ended: the 10,000 already held stays, nothing new fits on PAY_LATER
      const after = await line(id);
      expect(after).toMatchObject({ effectiveJointLimit: '13000.00', payLater: { effectiveLimit: '7500.00', held: '10000.00', available: '0.00' } });
      expect((await authorize(id, '1.00')).data!.authorize.declineReason).toBe('INSUFFICIENT_AVAILABLE');
      expect((await authorize(id, '3000.00', { product: 'CASH_LOAN' })).data!.authorize.approved).toBe(true);
      expect((await authorize(id, '0.01', { product: 'CASH_LOAN' })).data!.authorize.declineReason).toBe('INSUFFICIENT_AVAILABLE');
    } finally {
      clock.set('2026-11-30T08:00:00Z');
    }
  });

  it('the guarded SQL and the model agree on a multiplier to the fen', async () => {
    const id = customer();
    await open(id, '9999.99', '3333.33', '7777.77');
    await ok(UPLIFT, { i: { customerId: id, products: ['PAY_LATER'], multiplier: 1.255, startsAt: '2026-11-29T00:00:00Z', endsAt: '2026-12-29T00:00:00Z', reason: 'x' } });
    const { payLater } = await line(id);
    expect(payLater.effectiveLimit).toBe('9761.10');
    expect((await authorize(id, payLater.effectiveLimit)).data!.authorize.approved).toBe(true);
    expect((await line(id)).payLater.available).toBe('0.00');
  });

  it.each([
    ['no product', { products: [] }, 'input.products'],
    ['both amount and multiplier', { multiplier: 1.2 }, 'input.amount'],
    ['a multiplier not above 1', { amount: null, multiplier: 1 }, 'input.multiplier'],
    ['an end before the start', { endsAt: '2026-11-01T00:00:00Z' }, 'input.endsAt'],
    ['an empty reason', { reason: '  ' }, 'input.reason'],
  ])('addUplift refuses %s with BAD_USER_INPUT', async (_name, patch, path) => {
    const id = customer();
    await open(id);
    const before = await digest();
    const res = await run(UPLIFT, {
      i: { customerId: id, products: ['PAY_LATER'], amount: '10.00', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z', reason: 'r', ...patch },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(path);
    expect(await digest()).toBe(before);
  });
});

describe('the database', () => {
  it('keeps the ledger append-only', async () => {
    await expect(database.dataSource.query(`UPDATE ledger_entries SET used_delta = 0`)).rejects.toThrow(/append-only/);
    await expect(database.dataSource.query(`DELETE FROM ledger_entries`)).rejects.toThrow(/append-only/);
  });

  it('refuses a held amount past the effective ceiling even if code tried', async () => {
    const id = customer();
    await open(id, '1000.00', '500.00', '500.00');
    await expect(database.dataSource.query(`UPDATE credit_lines SET pay_later_held = 50001 WHERE customer_id = $1`, [id])).rejects.toThrow(/pay_later_within_limit/);
    await expect(
      database.dataSource.query(`UPDATE credit_lines SET pay_later_held = 50000, cash_loan_held = 50001 WHERE customer_id = $1`, [id]),
    ).rejects.toThrow(/within_limit/);
  });
});
