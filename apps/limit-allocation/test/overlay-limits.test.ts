import { fixedClock, yuan } from '@jc/domain';
import { testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { campaignProblems } from '../src/model/campaign';
import { productFloor } from '../src/model/drawn-floor';
import { DEFAULT_POLICY } from '../src/model/policy';
import { upliftProblems, type UpliftRecord } from '../src/model/uplift';
import { customerIds } from './support/customer-ids';
import { useLimitSubgraph } from './support/subgraph';

/** How uplifts meet reviews, the budget, the per-person cap and draws of the other product. */
const NOW = '2026-11-30T08:00:00Z';
const clock = fixedClock(NOW);
let database: Database;
let server: SubgraphServer;
useLimitSubgraph(clock, (s) => ({ database, server } = s));

const customer = customerIds(0xe10000);
let seq = 0;
const exec = (query: string, variables: Record<string, unknown> = {}) => server.execute({ query, variables }, testPrincipals.admin);
async function ok(query: string, variables: Record<string, unknown> = {}) {
  const res = await exec(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data as any;
}

const OPEN = `mutation ($i: OpenCreditLineInput!) { openCreditLine(input: $i) { status } }`;
const UPLIFT = `mutation ($i: AddUpliftInput!) { addUplift(input: $i) { id } }`;
const AUTHORIZE = `mutation ($i: AuthorizeInput!) { authorize(input: $i) { approved declineReason hold { id } } }`;
const CAPTURE = `mutation ($i: CaptureInput!) { capture(input: $i) { status } }`;
const REPAY = `mutation ($i: RepayInput!) { repay(input: $i) { jointUsed } }`;
const SNAPSHOT = `mutation ($i: RiskSnapshotInput!) { recordRiskSnapshot(input: $i) { score } }`;
const DECIDE = `mutation ($id: ID!) { decideCreditLine(input: { customerId: $id }) {
  direction reasonCodes inputs before { jointLimit cashLoanLimit payLaterLimit } after { jointLimit cashLoanLimit payLaterLimit } } }`;
const BUDGET = `mutation ($b: Money) { setPortfolioBudget(input: { exposureBudget: $b }) { exposureBudget } }`;
const SUMMARY = `{ portfolioSummary { grantedExposure exposureBudget budgetUsed } }`;
const PUBLISH = `mutation ($i: PublishPolicyInput!) { publishPolicy(input: $i) { version } }`;
const LINE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { creditLine {
  jointLimit effectiveJointLimit jointAvailable
  cashLoan { limit effectiveLimit used held available } payLater { limit effectiveLimit used held available } } } } }`;

const line = async (id: string) => (await ok(LINE, { r: [{ __typename: 'Customer', id }] }))._entities[0].creditLine;
const open = (id: string, jointLimit: string, cashLoanLimit: string, payLaterLimit: string) => ok(OPEN, { i: { customerId: id, jointLimit, cashLoanLimit, payLaterLimit } });
const uplift = (id: string, products: string[], kind: { amount: string } | { multiplier: number }, endsAt = '2026-12-30T00:00:00Z') =>
  exec(UPLIFT, { i: { customerId: id, products, ...kind, startsAt: '2026-11-30T00:00:00Z', endsAt, reason: 'peak' } });
const authorize = async (id: string, product: string, amount: string) =>
  (await ok(AUTHORIZE, { i: { customerId: id, product, amount, idempotencyKey: `ol-${(seq += 1)}` } })).authorize;
const snapshot = (id: string, patch: Record<string, unknown> = {}) =>
  ok(SNAPSHOT, {
    i: {
      customerId: id, score: 650, pd: 0.03, grade: 'B', lifecycleStage: 'ACTIVE', region: '44', declaredIncome: '100000.00',
      behaviourValue: '1000.00', onTimeRepaymentMonths: 12, overdue: false, asOf: '2026-11-29T00:00:00Z', ...patch,
    },
  });
const decide = async (id: string) => (await ok(DECIDE, { id })).decideCreditLine;

describe('a review while an uplift is active', () => {
  it('never writes the uplift into the base: the effective limit covers the drawn balance, and DORMANT raises nothing', async () => {
    const id = customer();
    await open(id, '10000.00', '10000.00', '5000.00');
    expect((await uplift(id, ['CASH_LOAN'], { amount: '5000.00' }, '2026-12-02T00:00:00Z')).errors).toBeUndefined();
    const drawn = await authorize(id, 'CASH_LOAN', '14000.00');
    expect(drawn.approved).toBe(true);
    await ok(CAPTURE, { i: { holdId: drawn.hold.id, amount: '14000.00' } });
    await snapshot(id, { lifecycleStage: 'DORMANT' });

    const d = await decide(id);
    // cash: the policy's 8,000 is floored at 14,000 drawn less the 5,000 the uplift lends, never raised to 14,000
    expect(d.before).toEqual({ jointLimit: '10000.00', cashLoanLimit: '10000.00', payLaterLimit: '5000.00' });
    expect(d.after).toEqual({ jointLimit: '10000.00', cashLoanLimit: '9000.00', payLaterLimit: '4000.00' });
    expect(d.direction).toBe('DECREASE');
    expect(d.reasonCodes).toEqual(expect.arrayContaining(['DORMANT_NO_INCREASE', 'NOT_BELOW_DRAWN']));
    expect(JSON.parse(d.inputs).usage).toMatchObject({ cashLoanDrawn: yuan(14_000), overlays: { cashLoan: yuan(5_000), jointForCashLoan: yuan(5_000) } });
    expect(await line(id)).toMatchObject({
      effectiveJointLimit: '15000.00',
      cashLoan: { limit: '9000.00', effectiveLimit: '14000.00', used: '14000.00', available: '0.00' },
    });

    clock.set('2026-12-03T00:00:00Z');
    try {
      await ok(REPAY, { i: { customerId: id, product: 'CASH_LOAN', amount: '14000.00', idempotencyKey: `ol-${(seq += 1)}` } });
      expect(await line(id)).toMatchObject({ jointLimit: '10000.00', cashLoan: { limit: '9000.00', effectiveLimit: '9000.00', available: '9000.00' } });
      expect(await authorize(id, 'CASH_LOAN', '14000.00')).toMatchObject({ approved: false, declineReason: 'INSUFFICIENT_AVAILABLE' });
      expect((await authorize(id, 'CASH_LOAN', '9000.00')).approved).toBe(true);
    } finally {
      clock.set(NOW);
    }
  });

  it('floors a cut under a multiplier uplift at the lowest base that still covers the drawn balance, to the fen', async () => {
    const id = customer();
    await open(id, '9999.99', '3333.33', '7777.77');
    expect((await uplift(id, ['CASH_LOAN', 'PAY_LATER'], { multiplier: 1.5 })).errors).toBeUndefined();
    // cash effective 3333.33 + 1666.67 = 5000.00; pay-later 7777.77 + 3888.89 = 11666.66, held by the joint 9999.99 + 3888.89
    await authorize(id, 'CASH_LOAN', '4999.99');
    await authorize(id, 'PAY_LATER', '8888.88');
    await snapshot(id, { overdue: true });
    const d = await decide(id);
    expect(d.reasonCodes).toEqual(expect.arrayContaining(['HIGH_RISK_REDUCED', 'NOT_BELOW_DRAWN']));
    const after = await line(id);
    expect(Number(after.cashLoan.effectiveLimit)).toBeGreaterThanOrEqual(4999.99);
    expect(Number(after.payLater.effectiveLimit)).toBeGreaterThanOrEqual(8888.88);
    expect(Number(after.effectiveJointLimit)).toBeGreaterThanOrEqual(4999.99 + 8888.88);
    // each base is the lowest that covers: one fen less would not
    expect(Number(after.cashLoan.limit)).toBeLessThan(4999.99);
    const u: UpliftRecord = { id: 'u', customerId: id, cashLoan: true, payLater: true, amount: null, multiplier: 1.5, startsAt: new Date('2026-11-30T00:00:00Z'), endsAt: new Date('2026-12-30T00:00:00Z'), reason: 'r', createdAt: new Date(NOW) };
    expect(Math.round(Number(after.cashLoan.limit) * 100)).toBe(productFloor(499_999, 'CASH_LOAN', { uplifts: [u], at: new Date(NOW) }));
    expect(Math.round(Number(after.payLater.limit) * 100)).toBe(productFloor(888_888, 'PAY_LATER', { uplifts: [u], at: new Date(NOW) }));
  });

  it('computes the same floors in the database as in the model, over amounts and several multipliers', async () => {
    const id = customer();
    await open(id, '50000.00', '20000.00', '20000.00');
    const at = new Date(NOW);
    const rows: UpliftRecord[] = [];
    for (const [products, kind] of [[['CASH_LOAN'], { multiplier: 1.337 }], [['CASH_LOAN', 'PAY_LATER'], { multiplier: 2.01 }], [['PAY_LATER'], { amount: '123.45' }]] as const) {
      expect((await uplift(id, [...products], kind)).errors).toBeUndefined();
      rows.push({
        id: 'u', customerId: id, cashLoan: products.includes('CASH_LOAN' as never), payLater: products.includes('PAY_LATER' as never),
        amount: 'amount' in kind ? Math.round(Number(kind.amount) * 100) : null, multiplier: 'multiplier' in kind ? kind.multiplier : null,
        startsAt: new Date('2026-11-30T00:00:00Z'), endsAt: new Date('2026-12-30T00:00:00Z'), reason: 'r', createdAt: at,
      });
    }
    for (const drawn of [1, 99, 12_345, 777_777, 1_000_001, 5_432_109]) {
      for (const product of ['CASH_LOAN', 'PAY_LATER'] as const) {
        const [row] = await database.dataSource.query(`SELECT base_limit_floor($1, $2, $3, $4) AS floor`, [id, product, drawn, at]);
        expect([product, drawn, Number(row.floor)]).toEqual([product, drawn, productFloor(drawn, product, { uplifts: rows, at })]);
      }
    }
  });
});

describe('the budget under a multiplier uplift', () => {
  afterEach(() => ok(BUDGET, { b: null }));

  it('counts a sub-limit raised under a multiplier overlay: refused with no room, trimmed to the room there is', async () => {
    const id = customer();
    await open(id, '10000.00', '5000.00', '5000.00');
    expect((await uplift(id, ['CASH_LOAN'], { multiplier: 2 })).errors).toBeUndefined();
    const granted = (await ok(SUMMARY)).portfolioSummary.grantedExposure;
    await ok(BUDGET, { b: granted });
    // the ACTIVE policy wants cash 8,000 (pay-later 4,000): under x2 that would count 3,000 more
    await snapshot(id, { declaredIncome: '33400.00' });
    const held = await decide(id);
    expect(held.after).toEqual({ jointLimit: '10000.00', cashLoanLimit: '5000.00', payLaterLimit: '4000.00' });
    expect(held.reasonCodes).toContain('PORTFOLIO_BUDGET_EXHAUSTED');
    expect((await ok(SUMMARY)).portfolioSummary.budgetUsed).toBeLessThanOrEqual(1);

    await ok(BUDGET, { b: (Number(granted) + 1000).toFixed(2) });
    const trimmed = await decide(id);
    expect(trimmed.after).toEqual({ jointLimit: '10000.00', cashLoanLimit: '6000.00', payLaterLimit: '4000.00' });
    expect(trimmed.reasonCodes).toContain('PORTFOLIO_BUDGET_TRIMMED');
    expect((await ok(SUMMARY)).portfolioSummary.budgetUsed).toBeLessThanOrEqual(1);
  });

  it('the database refuses a statement raising a sub-limit under a multiplier overlay past the budget, and lets the rest through', async () => {
    const id = customer();
    await open(id, '10000.00', '5000.00', '5000.00');
    expect((await uplift(id, ['CASH_LOAN'], { multiplier: 2 })).errors).toBeUndefined();
    await ok(BUDGET, { b: (await ok(SUMMARY)).portfolioSummary.grantedExposure });
    const sql = (set: string) => database.dataSource.query(`UPDATE credit_lines SET ${set} WHERE customer_id = $1`, [id]);
    await expect(sql(`cash_loan_limit = cash_loan_limit + 1, cash_loan_ceiling = cash_loan_ceiling + 1`)).rejects.toThrow(/portfolio_budget_exceeded/);
    // pay-later is not scaled by the overlay, a lower sub-limit frees exposure, and a joint cut pays for a raise in the same statement
    await sql(`pay_later_limit = pay_later_limit + 100, pay_later_ceiling = pay_later_ceiling + 100`);
    await sql(`cash_loan_limit = cash_loan_limit - 100`);
    await sql(`cash_loan_limit = cash_loan_limit + 100, joint_limit = joint_limit - 100`);
    // a draw moves no limit and passes whatever the budget
    expect((await authorize(id, 'CASH_LOAN', '100.00')).approved).toBe(true);
  });
});

describe('a single-product uplift', () => {
  it('gives joint room to draws of its own product only: PAY_LATER uplift, CASH_LOAN draw', async () => {
    const id = customer();
    await open(id, '10000.00', '10000.00', '5000.00');
    expect((await authorize(id, 'PAY_LATER', '5000.00')).approved).toBe(true);
    expect((await uplift(id, ['PAY_LATER'], { amount: '5000.00' })).errors).toBeUndefined();
    expect(await line(id)).toMatchObject({
      effectiveJointLimit: '15000.00',
      jointAvailable: '10000.00',
      cashLoan: { effectiveLimit: '10000.00', available: '5000.00' },
      payLater: { effectiveLimit: '10000.00', available: '5000.00' },
    });
    expect(await authorize(id, 'CASH_LOAN', '5000.01')).toMatchObject({ approved: false, declineReason: 'INSUFFICIENT_AVAILABLE' });
    expect((await authorize(id, 'CASH_LOAN', '5000.00')).approved).toBe(true);
    // the uplift's room is still there for pay-later
    expect(await line(id)).toMatchObject({ cashLoan: { available: '0.00' }, payLater: { available: '5000.00' } });
    expect((await authorize(id, 'PAY_LATER', '5000.00')).approved).toBe(true);
    expect(await line(id)).toMatchObject({ jointAvailable: '0.00', cashLoan: { available: '0.00' }, payLater: { available: '0.00' } });
  });

  it('and the other way round: CASH_LOAN uplift, PAY_LATER draw', async () => {
    const id = customer();
    await open(id, '10000.00', '5000.00', '10000.00');
    expect((await authorize(id, 'CASH_LOAN', '5000.00')).approved).toBe(true);
    expect((await uplift(id, ['CASH_LOAN'], { multiplier: 2 })).errors).toBeUndefined();
    expect(await line(id)).toMatchObject({ cashLoan: { effectiveLimit: '10000.00', available: '5000.00' }, payLater: { available: '5000.00' } });
    expect(await authorize(id, 'PAY_LATER', '10000.00')).toMatchObject({ approved: false, declineReason: 'INSUFFICIENT_AVAILABLE' });
    expect((await authorize(id, 'PAY_LATER', '5000.00')).approved).toBe(true);
    expect((await authorize(id, 'CASH_LOAN', '5000.00')).approved).toBe(true);
    expect(await line(id)).toMatchObject({ cashLoan: { available: '0.00' }, payLater: { available: '0.00' } });
  });
});

describe('multipliers', () => {
  const base = { customerId: 'c_0000000000000001', products: ['CASH_LOAN'] as const, startsAt: new Date('2026-11-30T00:00:00Z'), endsAt: new Date('2026-12-30T00:00:00Z'), reason: 'r' };

  it('accepts any multiplier with at most three decimals, refuses a fourth', () => {
    for (const multiplier of [1.5, 2.01, 2.03, 4.02, 8.19, 1.001, 9.999]) {
      expect([multiplier, upliftProblems({ ...base, multiplier }, new Date(NOW), DEFAULT_POLICY.personCap)]).toEqual([multiplier, []]);
      expect([multiplier, campaignProblems({ ...base, name: 'x', multiplier }, new Date(NOW), DEFAULT_POLICY.personCap)]).toEqual([multiplier, []]);
    }
    for (const multiplier of [2.0001, 4.0205]) expect(upliftProblems({ ...base, multiplier }, new Date(NOW), DEFAULT_POLICY.personCap).map((p) => p.path)).toEqual(['multiplier']);
  });

  it('adds a two-decimal multiplier through the subgraph', async () => {
    const id = customer();
    await open(id, '20000.00', '10000.00', '1000.00');
    expect((await uplift(id, ['CASH_LOAN'], { multiplier: 2.01 })).errors).toBeUndefined();
    expect(await line(id)).toMatchObject({ cashLoan: { effectiveLimit: '20100.00' }, effectiveJointLimit: '30100.00' });
    const refused = await uplift(id, ['CASH_LOAN'], { multiplier: 2.0001 });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the per-person cap of the policy in force', () => {
  afterAll(() => ok(PUBLISH, { i: { document: JSON.stringify(DEFAULT_POLICY), note: 'default again' } }));

  it('refuses an uplift or campaign amount past the cap with BAD_USER_INPUT, and writes nothing', async () => {
    // an overlay past the cap can never be drawn, yet the budget would count all of it against every other increase
    const id = customer();
    await open(id, '3000.00', '1000.00', '3000.00');
    const counts = () => database.dataSource.query(`SELECT (SELECT count(*) FROM uplifts) AS u, (SELECT count(*) FROM campaigns) AS c, (SELECT granted FROM portfolio_budget) AS g`);
    const before = await counts();
    const refused = await uplift(id, ['PAY_LATER'], { amount: '200000.01' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain('input.amount');
    const campaign = await exec(`mutation ($i: CreateUpliftCampaignInput!) { createUpliftCampaign(input: $i) { id } }`, {
      i: { name: 'fat finger', products: ['PAY_LATER'], amount: '990000.00', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-12-30T00:00:00Z' },
    });
    expect(campaign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(campaign.errors?.[0]?.message).toContain('input.amount');
    expect(await counts()).toEqual(before);
    expect((await uplift(id, ['PAY_LATER'], { amount: '200000.00' })).errors).toBeUndefined();
  });

  it('bounds manual opens, effective limits and authorisations', async () => {
    const uplifted = customer();
    await open(uplifted, '100000.00', '100000.00', '0.00');
    expect((await uplift(uplifted, ['CASH_LOAN'], { amount: '100000.00' })).errors).toBeUndefined();
    await ok(PUBLISH, { i: { document: JSON.stringify({ ...DEFAULT_POLICY, personCap: yuan(100_000) }), note: 'cap CNY 100,000' } });

    const refused = await exec(OPEN, { i: { customerId: customer(), jointLimit: '150000.00', cashLoanLimit: '150000.00', payLaterLimit: '0.00' } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain('input.jointLimit');

    expect(await line(uplifted)).toMatchObject({ effectiveJointLimit: '100000.00', jointAvailable: '100000.00', cashLoan: { effectiveLimit: '200000.00', available: '100000.00' } });
    expect(await authorize(uplifted, 'CASH_LOAN', '180000.00')).toMatchObject({ approved: false, declineReason: 'INSUFFICIENT_AVAILABLE' });
    expect((await authorize(uplifted, 'CASH_LOAN', '100000.00')).approved).toBe(true);
  });
});
