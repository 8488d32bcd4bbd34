import { fixedClock } from '@jc/domain';
import { testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { useLimitSubgraph } from './support/subgraph';
import { customerIds } from './support/customer-ids';
import { codeOf, itRefusesCancelling, overlayDigest } from './support/cancel-refusals';

const NOW = '2026-11-30T08:00:00Z';
const clock = fixedClock(NOW);
let database: Database;
let server: SubgraphServer;

useLimitSubgraph(clock, (s) => ({ database, server } = s));

const customer = customerIds(0xe10000);
let seq = 0;
const exec = (query: string, variables: Record<string, unknown> = {}, who = testPrincipals.admin) => server.execute({ query, variables }, who);

async function ok(query: string, variables: Record<string, unknown> = {}) {
  const res = await exec(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

async function open(id: string, cashLoanLimit = '6000.00', payLaterLimit = '5000.00') {
  await ok(`mutation ($i: OpenCreditLineInput!) { openCreditLine(input: $i) { status } }`, { i: { customerId: id, jointLimit: '10000.00', cashLoanLimit, payLaterLimit } });
}

const UPLIFT = `mutation ($i: AddUpliftInput!) { addUplift(input: $i) { id } }`;
const CANCEL = `mutation ($i: CancelUpliftInput!) { cancelUplift(input: $i) { id startsAt endsAt campaignId cancelledAt cancelledBy cancelReason } }`;
const LINE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer {
  creditLine { jointLimit effectiveJointLimit jointUsed jointHeld payLater { limit effectiveLimit used held available } uplifts { id } }
  limitHistory(first: 1) { edges { node { id trigger actor reasonCodes direction inputs } } }
} } }`;
const SUMMARY = `{ portfolioSummary { grantedExposure } }`;

const addUplift = async (customerId: string, patch: Record<string, unknown> = {}) =>
  (await ok(UPLIFT, { i: { customerId, products: ['PAY_LATER'], amount: '3000.00', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z', reason: 'peak', ...patch } })).addUplift.id as string;
const cancel = (upliftId: string, reason = 'campaign budget withdrawn', who = testPrincipals.admin) => exec(CANCEL, { i: { upliftId, reason } }, who);
const lineOf = async (id: string) => (await ok(LINE, { r: [{ __typename: 'Customer', id }] }))._entities[0];
const granted = async () => (await ok(SUMMARY)).portfolioSummary.grantedExposure as string;
const authorize = (customerId: string, amount: string) =>
  exec(`mutation ($i: AuthorizeInput!) { authorize(input: $i) { approved declineReason hold { id } } }`, { i: { customerId, product: 'PAY_LATER', amount, idempotencyKey: `cancel-${(seq += 1)}` } });

const digest = () => overlayDigest(database);

describe('addUplift on a line that cannot take it', () => {
  it('refuses a product not open on the line with BAD_USER_INPUT naming input.products, storing nothing', async () => {
    const id = customer();
    await open(id, '0.00', '3000.00');
    const before = await digest();
    const res = await exec(UPLIFT, { i: { customerId: id, products: ['CASH_LOAN', 'PAY_LATER'], amount: '500.00', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z', reason: 'festival' } });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toContain('input.products');
    expect(res.errors![0]!.message).toContain('CASH_LOAN is not open on this line');
    expect(await digest()).toBe(before);
    // the open product alone is fine
    await addUplift(id, { amount: '500.00' });
    expect((await lineOf(id)).creditLine.payLater.effectiveLimit).toBe('3500.00');
  });

  it.each([
    ['FROZEN', 'freezeCreditLine'],
    ['CLOSED', 'closeCreditLine'],
  ])('refuses a %s line with CONFLICT, storing nothing', async (status, mutation) => {
    const id = customer();
    await open(id);
    await ok(`mutation { ${mutation}(input: { customerId: "${id}", reasons: ["test"] }) { id } }`);
    const before = await digest();
    const res = await exec(UPLIFT, { i: { customerId: id, products: ['PAY_LATER'], amount: '500.00', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z', reason: 'peak' } });
    expect(codeOf(res)).toBe('CONFLICT');
    expect(res.errors![0]!.message).toContain(`the line is ${status}`);
    expect(await digest()).toBe(before);
  });

  it('is NOT_FOUND for a customer without a line', async () => {
    const res = await exec(UPLIFT, { i: { customerId: customer(), products: ['PAY_LATER'], amount: '500.00', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z', reason: 'peak' } });
    expect(codeOf(res)).toBe('NOT_FOUND');
  });
});

describe('cancelUplift', () => {
  it('ends the uplift now, releases its budget, records a decision and announces limit.changed', async () => {
    const id = customer();
    await open(id);
    const upliftId = await addUplift(id);
    const exposureBefore = await granted();
    const outboxBefore = Number((await database.dataSource.query(`SELECT count(*) AS n FROM event_outbox`))[0].n);
    const res = await cancel(upliftId, '  campaign budget withdrawn  ');
    expect(res.errors).toBeUndefined();
    expect(res.data!.cancelUplift).toEqual({
      id: upliftId, startsAt: '2026-11-30T00:00:00.000Z', endsAt: '2026-11-30T08:00:00.000Z', campaignId: null,
      cancelledAt: '2026-11-30T08:00:00.000Z', cancelledBy: 'test-admin', cancelReason: 'campaign budget withdrawn',
    });
    const { creditLine, limitHistory } = await lineOf(id);
    expect(creditLine).toMatchObject({ jointLimit: '10000.00', effectiveJointLimit: '10000.00', payLater: { limit: '5000.00', effectiveLimit: '5000.00' }, uplifts: [] });
    // 3,000 of overlay no longer counted
    expect(Number(exposureBefore) - Number(await granted())).toBe(3000);
    const decision = limitHistory.edges[0].node;
    expect(decision).toMatchObject({ trigger: 'UPLIFT_CANCELLED', actor: 'test-admin', reasonCodes: ['UPLIFT_CANCELLED'], direction: 'UNCHANGED' });
    expect(JSON.parse(decision.inputs)).toMatchObject({
      cancelled: { upliftId, campaignId: null, reason: 'campaign budget withdrawn' },
      overlay: { payLater: true, cashLoan: false, amount: 300000, endsAt: '2026-12-30T00:00:00.000Z' },
      removed: { cashLoan: 0, payLater: 300000 },
    });
    const events: { envelope: any }[] = await database.dataSource.query(`SELECT envelope FROM event_outbox ORDER BY seq DESC LIMIT 1`);
    expect(Number((await database.dataSource.query(`SELECT count(*) AS n FROM event_outbox`))[0].n)).toBe(outboxBefore + 1);
    expect(events[0]!.envelope).toMatchObject({ type: 'limit.changed', payload: { customerId: id, decisionId: decision.id, jointLimit: 1000000, payLaterLimit: 500000, reasonCodes: ['UPLIFT_CANCELLED'] } });
  });

  it('claws nothing back, as at a natural end: what is drawn and held stays, new draws meet the base', async () => {
    const id = customer();
    await open(id);
    const upliftId = await addUplift(id);
    // 7,000 drawn on PAY_LATER: 2,000 above its base of 5,000, lent by the uplift
    const hold = (await authorize(id, '7000.00')).data!.authorize.hold.id;
    const ceilingBefore = await database.dataSource.query(`SELECT pay_later_ceiling, joint_ceiling FROM credit_lines WHERE customer_id = $1`, [id]);
    expect((await cancel(upliftId)).errors).toBeUndefined();
    expect((await lineOf(id)).creditLine).toMatchObject({ payLater: { limit: '5000.00', effectiveLimit: '5000.00', held: '7000.00', available: '0.00' } });
    expect(await database.dataSource.query(`SELECT pay_later_ceiling, joint_ceiling FROM credit_lines WHERE customer_id = $1`, [id])).toEqual(ceilingBefore);
    expect((await authorize(id, '0.01')).data!.authorize.declineReason).toBe('INSUFFICIENT_AVAILABLE');
    // the hold placed under the overlay can still be captured
    const captured = await exec(`mutation { capture(input: { holdId: "${hold}", amount: "7000.00" }) { status } }`);
    expect(captured.errors).toBeUndefined();
    expect((await lineOf(id)).creditLine.payLater).toMatchObject({ used: '7000.00', held: '0.00', available: '0.00' });
    const { inputs } = (await lineOf(id)).limitHistory.edges[0].node;
    expect(JSON.parse(inputs).usage).toEqual({ cashLoanDrawn: 0, payLaterDrawn: 700000 });
  });

  it('ends an uplift not yet started before its start, so it is never active', async () => {
    const id = customer();
    await open(id);
    const upliftId = await addUplift(id, { startsAt: '2026-12-10T00:00:00Z' });
    const res = await cancel(upliftId);
    expect(res.data!.cancelUplift).toMatchObject({ startsAt: '2026-12-10T00:00:00.000Z', endsAt: '2026-11-30T08:00:00.000Z' });
    clock.set('2026-12-15T00:00:00Z');
    try {
      expect((await lineOf(id)).creditLine).toMatchObject({ payLater: { effectiveLimit: '5000.00' }, uplifts: [] });
    } finally {
      clock.set(NOW);
    }
  });

  describe('refuses, changing nothing', () => {
    let upliftId: string;
    beforeAll(async () => {
      const id = customer();
      await open(id);
      upliftId = await addUplift(id);
    });

    itRefusesCancelling({ target: () => upliftId, cancel, digest, unknownIds: ['u_00000000000000000000000000000000', 'not an id'] });

    it('keeps the first actor and reason after a second cancel', async () => {
      expect(await database.dataSource.query(`SELECT cancel_reason FROM uplifts WHERE id = $1`, [upliftId])).toEqual([{ cancel_reason: 'first' }]);
    });

    it('an uplift that has already ended with CONFLICT', async () => {
      const id = customer();
      await open(id);
      const ended = await addUplift(id, { endsAt: '2026-11-30T09:00:00Z' });
      clock.set('2026-11-30T10:00:00Z');
      try {
        const before = await digest();
        const res = await cancel(ended);
        expect(codeOf(res)).toBe('CONFLICT');
        expect(res.errors![0]!.message).toContain('already ended');
        expect(await digest()).toBe(before);
      } finally {
        clock.set(NOW);
      }
    });
  });

  it('of two at once, exactly one succeeds and the other is CONFLICT', async () => {
    const id = customer();
    await open(id);
    const upliftId = await addUplift(id);
    const results = await Promise.all([cancel(upliftId, 'a'), cancel(upliftId, 'b')]);
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', undefined]);
    expect(Number((await database.dataSource.query(`SELECT count(*) AS n FROM limit_decisions WHERE customer_id = $1 AND trigger = 'UPLIFT_CANCELLED'`, [id]))[0].n)).toBe(1);
  });
});
