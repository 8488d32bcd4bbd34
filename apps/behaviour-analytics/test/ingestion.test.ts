import { fixedClock } from '@jc/domain';
import { TEST_INTERNAL_SECRET, testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { createBehaviourAnalyticsServer, openBehaviourTestDatabase } from '../src';
import type { TransactionInput } from '@jc/simulator';

let database: Database;
let server: SubgraphServer;
const clock = fixedClock('2026-06-30T12:00:00Z');

const ALICE = 'c_00000000000000a1';
const BOB = 'c_00000000000000b2';
const CAROL = 'c_00000000000000c3';
const RECORD_TX = 'mutation ($input: [TransactionInput!]!) { recordTransactions(input: $input) }';
const RECORD_REPAY = 'mutation ($input: [RepaymentInput!]!) { recordRepayments(input: $input) }';

const tx = (eventId: string, patch: Partial<TransactionInput> = {}): TransactionInput => ({
  eventId,
  customerId: ALICE,
  product: 'PAY_LATER',
  amount: '100.00',
  merchantCategory: 'GROCERY',
  channel: 'ONLINE',
  occurredAt: '2026-06-20T10:00:00Z',
  ...patch,
});

const run = (query: string, variables: Record<string, unknown> = {}, principal = testPrincipals.service) => server.execute({ query, variables }, principal);

async function digest(): Promise<string> {
  const parts: string[] = [];
  for (const table of ['transactions', 'repayments', 'monthly_activity', 'daily_volume', 'behaviour_profiles', 'stage_changes', 'customer_regions', 'customer_event_bounds', 'customer_daily_activity', 'event_outbox', 'behaviour_published']) {
    const [row] = await database.dataSource.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS d FROM "${table}" t`);
    parts.push(`${table}:${row.d}`);
  }
  return parts.join('\n');
}

const profileQuery = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id
  behaviour { lifecycleStage asOf rulesVersion monthsSinceFirstUse currentDaysPastDue
    windows { days transactionCount spend averageTicket activeDays onlineShare categoryMix { category share } repaymentRatio worstDaysPastDue } }
  statements(last: 3) { month limit statementBalance amountRepaid delinquencyStatus }
  stageHistory { edges { node { from to reason rulesVersion at } } }
} } }`;
const customer = async (id: string) => {
  const res = await run(profileQuery, { r: [{ __typename: 'Customer', id }] }, testPrincipals.analyst);
  expect(res.errors).toBeUndefined();
  return res.data?._entities[0];
};

beforeAll(async () => {
  database = await openBehaviourTestDatabase();
  server = await createBehaviourAnalyticsServer({ database, internalSecret: TEST_INTERNAL_SECRET, clock });
});
afterAll(async () => (server ? server.stop() : database?.close()));

describe('recordTransactions', () => {
  const batch = [
    tx('a-1'),
    tx('a-2', { amount: '300.00', channel: 'OFFLINE', merchantCategory: 'DINING', occurredAt: '2026-06-25T10:00:00Z' }),
    tx('a-3', { product: 'OTHER', amount: '50.00', occurredAt: '2026-04-15T10:00:00Z' }),
    tx('a-4', { product: 'CASH_LOAN', amount: '1000.00', merchantCategory: 'CASH', occurredAt: '2025-09-01T10:00:00Z' }),
  ];

  it('stores a batch and keeps features and stage current before it returns', async () => {
    const res = await run(RECORD_TX, { input: batch });
    expect(res.errors).toBeUndefined();
    expect(res.data?.recordTransactions).toBe(4);

    const alice = await customer(ALICE);
    expect(alice.behaviour).toMatchObject({ lifecycleStage: 'ACTIVE', asOf: '2026-06-30T12:00:00.000Z', rulesVersion: 'lifecycle-v2', monthsSinceFirstUse: 9, currentDaysPastDue: 0 });
    expect(alice.behaviour.windows[0]).toEqual({
      days: 30,
      transactionCount: 2,
      spend: '400.00',
      averageTicket: '200.00',
      activeDays: 2,
      onlineShare: 0.5,
      categoryMix: [{ category: 'DINING', share: 0.75 }, { category: 'GROCERY', share: 0.25 }],
      repaymentRatio: null,
      worstDaysPastDue: 0,
    });
    expect(alice.behaviour.windows.map((w: { days: number; transactionCount: number }) => [w.days, w.transactionCount])).toEqual([[30, 2], [90, 3], [365, 4]]);
    expect(alice.statements).toEqual([
      { month: '2026-06-01', limit: null, statementBalance: '400.00', amountRepaid: '0.00', delinquencyStatus: 0 },
      { month: '2026-05-01', limit: null, statementBalance: '0.00', amountRepaid: '0.00', delinquencyStatus: -2 },
      { month: '2026-04-01', limit: null, statementBalance: '0.00', amountRepaid: '0.00', delinquencyStatus: -2 },
    ]);
    expect(alice.stageHistory.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { from: null, to: 'ACTIVE', reason: 'transacted 5 days ago and current on repayments', rulesVersion: 'lifecycle-v2', at: '2026-06-30T12:00:00.000Z' },
    ]);
  });

  it('changes nothing when the whole batch is replayed', async () => {
    const before = await digest();
    clock.advance(60_000);
    const res = await run(RECORD_TX, { input: batch });
    expect(res.errors).toBeUndefined();
    expect(res.data?.recordTransactions).toBe(0);
    expect(await digest()).toBe(before);
  });

  it('creates a profile for a customer it has never heard of, as NEW', async () => {
    const res = await run(RECORD_TX, { input: [tx('b-1', { customerId: BOB, occurredAt: '2026-06-29T00:00:00Z' })] });
    expect(res.data?.recordTransactions).toBe(1);
    const bob = await customer(BOB);
    expect(bob.behaviour.lifecycleStage).toBe('NEW');
    expect(bob.stageHistory.edges[0].node).toMatchObject({ from: null, to: 'NEW', reason: 'first seen 1 days ago (new for 90)' });
  });

  it.each([
    ['a zero amount', { amount: '0.00' }, 'input[1].amount'],
    ['a negative amount', { amount: '-1.00' }, 'input[1].amount'],
    ['a timestamp more than a day ahead', { occurredAt: '2026-07-02T00:00:00Z' }, 'input[1].occurredAt'],
    ['a malformed customer id', { customerId: 'alice' }, 'input[1].customerId'],
    ['a duplicate event id', { eventId: 'n-0' }, 'input[1].eventId'],
  ])('refuses a batch with %s, naming the item, and stores nothing', async (_what, patch, path) => {
    const before = await digest();
    const res = await run(RECORD_TX, { input: [tx('n-0', { customerId: CAROL }), tx('n-1', { customerId: CAROL, ...patch })] });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalid: [expect.objectContaining({ path })] });
    expect(res.errors?.[0]?.message).toContain(path);
    expect(await digest()).toBe(before);
  });

  it.each([
    ['an unknown product', { product: 'CREDIT_CARD' }],
    ['an unknown channel', { channel: 'PHONE' }],
    ['an amount beyond the Money range', { amount: '99999999999999999.00' }],
    ['an amount with three decimals', { amount: '1.001' }],
  ])('refuses %s at the schema', async (_what, patch) => {
    const before = await digest();
    const res = await run(RECORD_TX, { input: [tx('s-0', { customerId: CAROL }), tx('s-1', { customerId: CAROL, ...patch })] });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/input\[1\]|at index 1|\[1\]/);
    expect(await digest()).toBe(before);
  });

  it('refuses a batch over 10,000 events', async () => {
    const before = await digest();
    const input = Array.from({ length: 10_001 }, (_, i) => tx(`big-${i}`, { customerId: CAROL }));
    const res = await run(RECORD_TX, { input });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalid: [{ path: 'input', reason: expect.stringMatching(/at most 10000/) }] });
    expect(await digest()).toBe(before);
  });

  it('is refused to customers and analysts', async () => {
    for (const principal of [testPrincipals.customer(ALICE), testPrincipals.analyst]) {
      const res = await run(RECORD_TX, { input: [tx('x-1')] }, principal);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('recordRepayments', () => {
  const missed = { eventId: 'r-1', customerId: ALICE, product: 'PAY_LATER', amount: '40.00', dueDate: '2026-05-21T00:00:00Z', paidAt: null };

  it('turns a long-missed payment into HIGH_RISK with the reason in the history', async () => {
    const res = await run(RECORD_REPAY, { input: [missed] });
    expect(res.data?.recordRepayments).toBe(1);
    const alice = await customer(ALICE);
    expect(alice.behaviour).toMatchObject({ lifecycleStage: 'HIGH_RISK', currentDaysPastDue: 40 });
    expect(alice.behaviour.windows[1]).toMatchObject({ days: 90, repaymentRatio: 0, worstDaysPastDue: 40 });
    // 10 days late at May's end, 40 at asOf: still unpaid, so June is late too.
    expect(alice.statements.slice(0, 2)).toMatchObject([{ month: '2026-06-01', delinquencyStatus: 2 }, { month: '2026-05-01', delinquencyStatus: 1 }]);
    expect(alice.stageHistory.edges.map((e: { node: { from: string; to: string; reason: string } }) => [e.node.from, e.node.to, e.node.reason])).toEqual([
      ['ACTIVE', 'HIGH_RISK', '40 days past due (threshold 30)'],
      [null, 'ACTIVE', 'transacted 5 days ago and current on repayments'],
    ]);
  });

  it('cures it with the next payment and counts repayments per month', async () => {
    const paid = { eventId: 'r-2', customerId: ALICE, product: 'PAY_LATER', amount: '440.00', dueDate: '2026-06-21T00:00:00Z', paidAt: '2026-06-29T00:00:00Z' };
    expect((await run(RECORD_REPAY, { input: [paid] })).data?.recordRepayments).toBe(1);
    const alice = await customer(ALICE);
    expect(alice.behaviour.currentDaysPastDue).toBe(0);
    // 39 days at worst stays under the 60-day bar of lifecycle-v2, so curing it ends HIGH_RISK.
    expect(alice.behaviour.lifecycleStage).toBe('ACTIVE');
    expect(alice.stageHistory.edges[0].node).toMatchObject({ from: 'HIGH_RISK', to: 'ACTIVE' });
    expect(alice.behaviour.windows[2].worstDaysPastDue).toBe(39);
    // May's amount was 39 days late when June's payment cured it.
    expect(alice.statements[0]).toMatchObject({ month: '2026-06-01', amountRepaid: '440.00', delinquencyStatus: 2 });
  });

  it('refuses bad repayments by index and stores nothing', async () => {
    const before = await digest();
    const res = await run(RECORD_REPAY, {
      input: [
        { ...missed, eventId: 'r-9', customerId: CAROL },
        { ...missed, eventId: 'r-10', customerId: CAROL, amount: '0.00' },
        { ...missed, eventId: 'r-11', customerId: CAROL, dueDate: '2026-08-21T00:00:00Z' },
      ],
    });
    expect(res.errors?.[0]?.extensions?.invalid).toEqual([
      { path: 'input[1].amount', reason: expect.any(String) },
      { path: 'input[2].dueDate', reason: expect.any(String) },
    ]);
    expect(await digest()).toBe(before);
  });

  it('refuses a missed repayment due even a moment after the clock: the day of drift other events get does not apply', async () => {
    const before = await digest();
    // The clock reads 2026-06-30T12:00Z: due on 1 July is tomorrow, so it cannot have been missed yet.
    const res = await run(RECORD_REPAY, { input: [{ ...missed, eventId: 'r-12', customerId: CAROL, dueDate: '2026-07-01T00:00:00Z' }] });
    expect(res.errors?.[0]?.extensions?.invalid).toEqual([{ path: 'input[0].dueDate', reason: 'of a missed payment cannot be in the future' }]);
    expect(await digest()).toBe(before);
  });
});

describe('stage history paging', () => {
  it('pages newest first with cursors', async () => {
    const q = 'query ($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Customer { stageHistory(first: 1, after: $after) { edges { cursor node { to } } pageInfo { hasNextPage endCursor } } } } }';
    const r = [{ __typename: 'Customer', id: ALICE }];
    const first = await run(q, { r }, testPrincipals.analyst);
    const page1 = first.data?._entities[0].stageHistory;
    expect(page1.edges.map((e: { node: { to: string } }) => e.node.to)).toEqual(['ACTIVE']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await run(q, { r, after: page1.pageInfo.endCursor }, testPrincipals.analyst);
    const page2 = second.data?._entities[0].stageHistory;
    expect(page2.edges.map((e: { node: { to: string } }) => e.node.to)).toEqual(['HIGH_RISK']);
    expect(page2.pageInfo.hasNextPage).toBe(true);
    const third = await run(q, { r, after: page2.pageInfo.endCursor }, testPrincipals.analyst);
    const page3 = third.data?._entities[0].stageHistory;
    expect(page3.edges.map((e: { node: { to: string } }) => e.node.to)).toEqual(['ACTIVE']);
    expect(page3.pageInfo.hasNextPage).toBe(false);
    const bad = await run(q, { r, after: 'nonsense!' }, testPrincipals.analyst);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('peakPeriods', () => {
  it('serves the festival calendar and peaks detected in recorded volume', async () => {
    // 30 ordinary days with 10 purchases each, then one day with 60.
    const input: TransactionInput[] = [];
    for (let day = 0; day < 31; day++) {
      const date = new Date(Date.UTC(2026, 3, 1 + day)).toISOString().slice(0, 10);
      const count = day === 30 ? 60 : 10;
      for (let i = 0; i < count; i++) input.push(tx(`p-${day}-${i}`, { customerId: CAROL, occurredAt: `${date}T08:00:00Z`, product: 'OTHER' }));
    }
    expect((await run(RECORD_TX, { input })).errors).toBeUndefined();
    const res = await run('{ peakPeriods(from: "2026-05-01", to: "2026-06-30") { source code start end products multiplier } }', {}, testPrincipals.analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data?.peakPeriods).toEqual([
      { source: 'DETECTED', code: 'DETECTED', start: '2026-05-01', end: '2026-05-01', products: ['CASH_LOAN', 'PAY_LATER'], multiplier: 6 },
      { source: 'CALENDAR', code: 'MID_YEAR_618', start: '2026-06-01', end: '2026-06-18', products: ['PAY_LATER'], multiplier: 1.8 },
    ]);
  });

  it('refuses a range outside the lunar table', async () => {
    const res = await run('{ peakPeriods(from: "2019-01-01", to: "2019-02-01") { code } }', {}, testPrincipals.analyst);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalid: [{ path: 'from' }, { path: 'to' }] });
  });
});

describe('segmentSummary', () => {
  it('groups the stored profiles with spend percentiles and delinquency rates', async () => {
    const q = 'query ($g: SegmentGrouping!) { segmentSummary(groupBy: $g) { key customers spendP50 spendP90 spendP99 delinquencyRate delinquencyRate30 } }';
    const byChannel = await run(q, { g: 'CHANNEL' }, testPrincipals.analyst);
    expect(byChannel.errors).toBeUndefined();
    // Alice 3 of 4 online, Bob and Carol only online; 365-day spend 1,450, 100 and 36,000.
    expect(byChannel.data?.segmentSummary).toEqual([
      { key: 'ONLINE', customers: 3, spendP50: '1450.00', spendP90: '36000.00', spendP99: '36000.00', delinquencyRate: 0, delinquencyRate30: 0 },
    ]);
    const byStage = await run(q, { g: 'STAGE' }, testPrincipals.analyst);
    expect(byStage.data?.segmentSummary.map((s: { key: string; customers: number }) => [s.key, s.customers])).toEqual([['ACTIVE', 2], ['NEW', 1]]);
    const forbidden = await run(q, { g: 'STAGE' }, testPrincipals.customer(ALICE));
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('counts a customer past due in the delinquency rates', async () => {
    const missed = { eventId: 'r-bob', customerId: BOB, product: 'CASH_LOAN', amount: '10.00', dueDate: '2026-05-01T00:00:00Z', paidAt: null };
    expect((await run(RECORD_REPAY, { input: [missed] })).errors).toBeUndefined();
    const res = await run('{ segmentSummary(groupBy: STAGE) { key customers delinquencyRate delinquencyRate30 } }', {}, testPrincipals.analyst);
    expect(res.data?.segmentSummary).toEqual([
      { key: 'ACTIVE', customers: 2, delinquencyRate: 0, delinquencyRate30: 0 },
      { key: 'HIGH_RISK', customers: 1, delinquencyRate: 1, delinquencyRate30: 1 },
    ]);
  });
});

describe('recordCustomerRegions and REGION segments', () => {
  const RECORD_REGIONS = 'mutation ($input: [CustomerRegionInput!]!) { recordCustomerRegions(input: $input) }';
  const byRegion = async () => {
    const res = await run('{ segmentSummary(groupBy: REGION) { key customers delinquencyRate } }', {}, testPrincipals.analyst);
    expect(res.errors).toBeUndefined();
    return res.data?.segmentSummary;
  };

  it('groups customers without a recorded region as UNKNOWN', async () => {
    expect(await byRegion()).toEqual([{ key: 'UNKNOWN', customers: 3, delinquencyRate: 0.3333 }]);
  });

  it('stores regions and groups by them; a replay changes nothing', async () => {
    const input = [{ customerId: ALICE, region: '11' }, { customerId: BOB, region: '44' }];
    expect((await run(RECORD_REGIONS, { input })).data?.recordCustomerRegions).toBe(2);
    expect(await byRegion()).toEqual([
      { key: '11', customers: 1, delinquencyRate: 0 },
      { key: '44', customers: 1, delinquencyRate: 1 },
      { key: 'UNKNOWN', customers: 1, delinquencyRate: 0 },
    ]);
    const before = await digest();
    expect((await run(RECORD_REGIONS, { input })).data?.recordCustomerRegions).toBe(0);
    expect(await digest()).toBe(before);
  });

  it('overwrites a region that changed and counts only that customer', async () => {
    const input = [{ customerId: ALICE, region: '44' }, { customerId: BOB, region: '44' }];
    expect((await run(RECORD_REGIONS, { input })).data?.recordCustomerRegions).toBe(1);
    expect(await byRegion()).toEqual([
      { key: '44', customers: 2, delinquencyRate: 0.5 },
      { key: 'UNKNOWN', customers: 1, delinquencyRate: 0 },
    ]);
  });

  it('refuses a batch with any bad item, naming each, and stores nothing', async () => {
    const before = await digest();
    const res = await run(RECORD_REGIONS, {
      input: [
        { customerId: CAROL, region: '31' },
        { customerId: 'carol', region: '31' },
        { customerId: ALICE, region: '99' },
        { customerId: CAROL, region: '32' },
      ],
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(res.errors?.[0]?.extensions?.invalid).toEqual([
      { path: 'input[1].customerId', reason: expect.any(String) },
      { path: 'input[2].region', reason: expect.any(String) },
      { path: 'input[3].customerId', reason: expect.stringMatching(/duplicates input\[0\]/) },
    ]);
    expect(await digest()).toBe(before);
  });

  it('refuses empty batches and batches over 10,000', async () => {
    const before = await digest();
    const empty = await run(RECORD_REGIONS, { input: [] });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalid: [{ path: 'input', reason: expect.any(String) }] });
    const input = Array.from({ length: 10_001 }, (_, i) => ({ customerId: `c_${i.toString(16).padStart(16, '0')}`, region: '11' }));
    const big = await run(RECORD_REGIONS, { input });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalid: [{ path: 'input', reason: expect.stringMatching(/at most 10000/) }] });
    expect(await digest()).toBe(before);
  });

  it('is refused to customers and analysts', async () => {
    for (const principal of [testPrincipals.customer(ALICE), testPrincipals.analyst]) {
      const res = await run(RECORD_REGIONS, { input: [{ customerId: ALICE, region: '11' }] }, principal);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('customer event bounds', () => {
  it('ignores an event ahead of the clock when judging dormancy, as a recount would', async () => {
    const DAVE = 'c_00000000000000d4';
    const input = [
      tx('d-1', { customerId: DAVE, occurredAt: '2025-01-10T10:00:00Z' }),
      // Sources may run up to a day ahead; this one is after asOf, so it is not "the last transaction" yet.
      tx('d-2', { customerId: DAVE, occurredAt: '2026-07-01T06:00:00Z' }),
    ];
    expect((await run(RECORD_TX, { input })).data?.recordTransactions).toBe(2);
    const dave = await customer(DAVE);
    expect(dave.behaviour.lifecycleStage).toBe('DORMANT');
    expect(dave.behaviour.windows[2]).toMatchObject({ days: 365, transactionCount: 0 });
    const [bounds] = await database.dataSource.query(`SELECT first_tx, last_tx FROM customer_event_bounds WHERE customer_id = $1`, [DAVE]);
    expect([new Date(bounds.first_tx).toISOString(), new Date(bounds.last_tx).toISOString()]).toEqual(['2025-01-10T10:00:00.000Z', '2026-07-01T06:00:00.000Z']);
  });
});

describe('when a customer known only by events ahead of the clock was first seen', () => {
  it('is when a repayment paid ahead of its due date was paid, not the due date to come', async () => {
    const ERIN = 'c_00000000000000e5';
    const res = await run(RECORD_REPAY, { input: [{ eventId: 'e-1', customerId: ERIN, product: 'PAY_LATER', amount: '40.00', dueDate: '2026-07-20T00:00:00Z', paidAt: '2026-06-28T09:00:00Z' }] });
    expect(res.errors).toBeUndefined();
    const erin = await customer(ERIN);
    expect(erin.behaviour.lifecycleStage).toBe('NEW');
    expect(erin.stageHistory.edges.map((e: { node: { reason: string } }) => e.node.reason)).toEqual([expect.stringMatching(/^first seen 2 days ago/)]);
    const [profile] = await database.dataSource.query(`SELECT first_seen_at FROM behaviour_profiles WHERE customer_id = $1`, [ERIN]);
    expect(new Date(profile.first_seen_at).toISOString()).toBe('2026-06-28T09:00:00.000Z');
  });

  it('is now when its only event comes from a source running ahead', async () => {
    const FRED = 'c_00000000000000f6';
    expect((await run(RECORD_TX, { input: [tx('f-1', { customerId: FRED, occurredAt: '2026-06-30T18:00:00Z' })] })).errors).toBeUndefined();
    const fred = await customer(FRED);
    expect(fred.stageHistory.edges.map((e: { node: { reason: string } }) => e.node.reason)).toEqual([expect.stringMatching(/^first seen 0 days ago/)]);
    const [profile] = await database.dataSource.query(`SELECT first_seen_at, as_of FROM behaviour_profiles WHERE customer_id = $1`, [FRED]);
    expect(new Date(profile.first_seen_at).toISOString()).toBe(new Date(profile.as_of).toISOString());
    expect(new Date(profile.as_of).getTime()).toBeLessThan(Date.parse('2026-06-30T18:00:00Z'));
  });
});

describe('statements of a customer behind on an old amount', () => {
  const DAVE = 'c_00000000000000d4';

  it('shows every month since as late, not as no use, whatever the number of months asked for', async () => {
    const res = await run(RECORD_REPAY, { input: [{ eventId: 'd-1', customerId: DAVE, product: 'PAY_LATER', amount: '40.00', dueDate: '2026-02-21T00:00:00Z', paidAt: null }] });
    expect(res.errors).toBeUndefined();
    const dave = await customer(DAVE);
    expect(dave.behaviour.currentDaysPastDue).toBe(129);
    // 68, 99 and 129 days late at the ends of April and May and at asOf.
    expect(dave.statements.map((s: { month: string; delinquencyStatus: number }) => [s.month, s.delinquencyStatus])).toEqual([
      ['2026-06-01', 5],
      ['2026-05-01', 4],
      ['2026-04-01', 3],
    ]);
  });
});
