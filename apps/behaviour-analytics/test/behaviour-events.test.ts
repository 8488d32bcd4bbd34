import { eventProblems, fixedClock, type EventEnvelope, type LimitChangedV1, type UtilisationRecordedV1 } from '@jc/domain';
import { Inbox, InProcessBus, newEvent } from '@jc/events';
import { TEST_INTERNAL_SECRET, testPrincipals, type Database } from '@jc/subgraph-kit';
import { createBehaviourAnalyticsServer, LIMITS_CONSUMER, openBehaviourTestDatabase, REGIONS_CONSUMER, UTILISATION_CONSUMER, type BehaviourAnalyticsServer } from '../src';
import { behaviourConsumers } from '../src/events/consumers';
import { loadBehaviourEventsConfig } from '../src/model/behaviour-events-config';
import { loadLifecycleRules } from '../src/model/lifecycle-rules';

let database: Database;
let server: BehaviourAnalyticsServer;
let bus: InProcessBus;
const clock = fixedClock('2026-06-30T12:00:00Z');

const ALICE = 'c_00000000000000a1';
const BOB = 'c_00000000000000b2';
const DAN = 'c_00000000000000d4';
const ERIN = 'c_00000000000000e5';
const RECORD_TX = 'mutation ($input: [TransactionInput!]!) { recordTransactions(input: $input) }';
const RECORD_REPAY = 'mutation ($input: [RepaymentInput!]!) { recordRepayments(input: $input) }';

const run = async (query: string, variables: Record<string, unknown>) => {
  const res = await server.execute({ query, variables }, testPrincipals.service);
  return res;
};
const purchase = (eventId: string, customerId: string, amount: string, occurredAt: string, product = 'PAY_LATER') => ({
  eventId, customerId, product, amount, merchantCategory: 'GROCERY', channel: 'ONLINE', occurredAt,
});

type Outboxed = EventEnvelope<'behaviour.updated'>;
async function outbox(): Promise<Outboxed[]> {
  const rows: { envelope: Outboxed | string }[] = await database.dataSource.query(`SELECT envelope FROM event_outbox WHERE type = 'behaviour.updated' ORDER BY seq`);
  return rows.map((r) => (typeof r.envelope === 'string' ? JSON.parse(r.envelope) : r.envelope));
}
async function newSince<T>(action: () => Promise<T>): Promise<{ result: T; events: Outboxed[] }> {
  const before = (await outbox()).length;
  const result = await action();
  return { result, events: (await outbox()).slice(before) };
}
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const count = async (sql: string, params: unknown[] = []) => Number((await database.dataSource.query(sql, params))[0].n);
const statementsOf = async (id: string) => {
  const res = await server.execute(
    { query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { statements(last: 3) { month limit } } } }', variables: { r: [{ __typename: 'Customer', id }] } },
    testPrincipals.analyst,
  );
  expect(res.errors).toBeUndefined();
  return res.data?._entities[0].statements as { month: string; limit: string | null }[];
};

beforeAll(async () => {
  database = await openBehaviourTestDatabase();
  bus = new InProcessBus();
  server = await createBehaviourAnalyticsServer({ database, internalSecret: TEST_INTERNAL_SECRET, clock, bus });
  await server.events.start();
});
afterAll(async () => {
  await (server ? server.stop() : database?.close());
  await bus?.close();
});

describe('behaviour.updated from ingestion', () => {
  it('announces a customer it sees for the first time, once, with a valid envelope', async () => {
    const { events } = await newSince(() =>
      run(RECORD_TX, {
        input: [
          purchase('e-1', ALICE, '1000.00', '2026-01-10T10:00:00Z'),
          purchase('e-2', ALICE, '500.00', '2026-06-10T10:00:00Z'),
          purchase('e-3', BOB, '800.00', '2026-02-10T10:00:00Z'),
          purchase('e-4', BOB, '300.00', '2026-06-12T10:00:00Z'),
        ],
      }),
    );
    expect(events.map((e) => e.payload.customerId).sort()).toEqual([ALICE, BOB]);
    for (const e of events) expect(eventProblems(e)).toEqual([]);
    const alice = events.find((e) => e.payload.customerId === ALICE)!;
    expect(alice).toMatchObject({ type: 'behaviour.updated', source: 'behaviour-analytics', version: 1 });
    expect(alice.payload).toMatchObject({ lifecycleStage: 'ACTIVE', previousStage: null, behaviourValue: 150_000, currentDaysPastDue: 0, worstDaysPastDue: 0, onTimeRepaymentStreak: 0, asOf: '2026-06-30T12:00:00.000Z' });
    expect(alice.payload.statements.map((s) => [s.month, s.balance, s.limit])).toEqual([
      ['2026-06-01', 50_000, 0], ['2026-05-01', 0, 0], ['2026-04-01', 0, 0], ['2026-03-01', 0, 0], ['2026-02-01', 0, 0], ['2026-01-01', 100_000, 0],
    ]);
  });

  it('enqueues exactly one per customer an overdue repayment batch affects', async () => {
    const { events } = await newSince(() =>
      run(RECORD_REPAY, {
        input: [
          { eventId: 'r-1', customerId: ALICE, product: 'PAY_LATER', amount: '400.00', dueDate: '2026-05-21T00:00:00Z', paidAt: null },
          { eventId: 'r-2', customerId: ALICE, product: 'CASH_LOAN', amount: '100.00', dueDate: '2026-05-25T00:00:00Z', paidAt: null },
          { eventId: 'r-3', customerId: BOB, product: 'PAY_LATER', amount: '300.00', dueDate: '2026-06-21T00:00:00Z', paidAt: null },
        ],
      }),
    );
    expect(events.map((e) => e.payload.customerId).sort()).toEqual([ALICE, BOB]);
    for (const e of events) expect(eventProblems(e)).toEqual([]);
    const alice = events.find((e) => e.payload.customerId === ALICE)!.payload;
    expect(alice).toMatchObject({ lifecycleStage: 'HIGH_RISK', previousStage: 'ACTIVE', currentDaysPastDue: 40, worstDaysPastDue: 40 });
    // 10 days late at May's end, 40 at asOf and still unpaid.
    expect(alice.statements.slice(0, 2)).toMatchObject([{ month: '2026-06-01', status: 2 }, { month: '2026-05-01', status: 1 }]);
    expect(events.find((e) => e.payload.customerId === BOB)!.payload).toMatchObject({ lifecycleStage: 'ACTIVE', previousStage: 'ACTIVE', currentDaysPastDue: 9 });
  });

  it('enqueues nothing for a replayed batch', async () => {
    const { result, events } = await newSince(() =>
      run(RECORD_REPAY, { input: [{ eventId: 'r-3', customerId: BOB, product: 'PAY_LATER', amount: '300.00', dueDate: '2026-06-21T00:00:00Z', paidAt: null }] }),
    );
    expect(result.data?.recordRepayments).toBe(0);
    expect(events).toEqual([]);
  });

  it('enqueues nothing for an immaterial change, though the profile moved', async () => {
    const spendBefore = await count(`SELECT (w->>'transactionCount')::int AS n FROM behaviour_profiles, jsonb_array_elements(windows) w WHERE customer_id = $1 AND (w->>'days')::int = 365`, [BOB]);
    // Spending outside the credit lines: no statement balance, and 1.00 moves 365-day spend by 0.1%.
    const { events } = await newSince(() => run(RECORD_TX, { input: [purchase('e-5', BOB, '1.00', '2026-06-20T10:00:00Z', 'OTHER')] }));
    expect(events).toEqual([]);
    expect(await count(`SELECT (w->>'transactionCount')::int AS n FROM behaviour_profiles, jsonb_array_elements(windows) w WHERE customer_id = $1 AND (w->>'days')::int = 365`, [BOB])).toBe(spendBefore + 1);
  });

  it('announces a scorecard amount that moved by the configured fraction', async () => {
    // Under the CNY 100 floor nothing is announced; Bob's June balance 300.00 → 420.00 (+40%) is.
    expect((await newSince(() => run(RECORD_TX, { input: [purchase('e-6a', BOB, '60.00', '2026-06-21T10:00:00Z')] }))).events).toEqual([]);
    const { events } = await newSince(() => run(RECORD_TX, { input: [purchase('e-6', BOB, '60.00', '2026-06-21T11:00:00Z')] }));
    expect(events.map((e) => [e.payload.customerId, e.payload.statements[0]!.balance])).toEqual([[BOB, 42_000]]);
  });

  it('enqueues nothing for a refused batch', async () => {
    const { result, events } = await newSince(() =>
      run(RECORD_TX, { input: [purchase('e-7', DAN, '50.00', '2026-06-21T10:00:00Z'), purchase('e-8', DAN, '0.00', '2026-06-21T10:00:00Z')] }),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(events).toEqual([]);
  });

  it('hands the enqueued events to the bus', async () => {
    const seen: string[] = [];
    const subscription = await bus.subscribe('test.behaviour', ['behaviour.updated'], async (e) => {
      seen.push((e as Outboxed).payload.customerId);
    });
    await run(RECORD_TX, { input: [purchase('e-9', DAN, '50.00', '2026-06-21T10:00:00Z')] });
    await until(async () => seen.includes(DAN), 'the relay to publish');
    await subscription.stop();
  });
});

describe('limit.changed', () => {
  const decision = (decisionId: string, jointLimit: number, decidedAt: string): EventEnvelope<'limit.changed'> =>
    newEvent('limit.changed', 'limit-allocation', { customerId: ALICE, decisionId, jointLimit, cashLoanLimit: jointLimit / 2, payLaterLimit: jointLimit / 2, reasonCodes: ['SCORE_BAND'], decidedAt } satisfies LimitChangedV1, new Date(decidedAt));
  const applied = (id: string) => count(`SELECT count(*)::int AS n FROM event_inbox WHERE consumer = $1 AND event_id = $2`, [LIMITS_CONSUMER, id]);

  it('sets the limit of the months it was known at, once however often it is delivered', async () => {
    const may = decision('d-1', 2_000_000, '2026-05-20T08:00:00Z');
    await bus.publish(may);
    await bus.publish(may);
    await until(async () => (await applied(may.id)) === 1 && bus.pending(LIMITS_CONSUMER) === 0, 'the limit to be applied');
    expect(await count(`SELECT count(*)::int AS n FROM customer_limits WHERE customer_id = $1`, [ALICE])).toBe(1);
    expect(await statementsOf(ALICE)).toEqual([
      { month: '2026-06-01', limit: '20000.00' },
      { month: '2026-05-01', limit: '20000.00' },
      { month: '2026-04-01', limit: null },
    ]);
  });

  it('keeps history: a later decision changes only the months after it', async () => {
    const june = decision('d-2', 3_000_000, '2026-06-15T08:00:00Z');
    await bus.publish(june);
    await until(async () => (await applied(june.id)) === 1, 'the second limit');
    expect((await statementsOf(ALICE)).map((s) => s.limit)).toEqual(['30000.00', '20000.00', null]);
  });

  it('gives behaviour.updated the same limits, 0 where none was known', async () => {
    const { events } = await newSince(() => run(RECORD_TX, { input: [purchase('e-10', ALICE, '900.00', '2026-06-22T10:00:00Z')] }));
    expect(events).toHaveLength(1);
    expect(events[0]!.payload.statements.slice(0, 3).map((s) => s.limit)).toEqual([3_000_000, 2_000_000, 0]);
  });
});

describe('utilisation.recorded', () => {
  const capture = (patch: Partial<UtilisationRecordedV1> = {}): EventEnvelope<'utilisation.recorded'> =>
    newEvent('utilisation.recorded', 'limit-allocation', {
      customerId: ERIN, utilisationId: 'u-1', product: 'CASH_LOAN', amount: 250_000, occurredAt: '2026-06-29T09:00:00.000Z', merchantCategory: null, channel: null, ...patch,
    }, clock.now());

  it('becomes one transaction through the ingestion path, and a direct one with its id is not counted again', async () => {
    const event = capture();
    const { events } = await newSince(async () => {
      await bus.publish(event);
      await until(async () => (await count(`SELECT count(*)::int AS n FROM event_inbox WHERE event_id = $1`, [event.id])) === 1, 'the capture to be applied');
    });
    expect(await database.dataSource.query(`SELECT event_id, product, amount::int, merchant_category, channel FROM transactions WHERE customer_id = $1`, [ERIN])).toEqual([
      { event_id: 'u-1', product: 'CASH_LOAN', amount: 250_000, merchant_category: 'CASH', channel: 'ONLINE' },
    ]);
    // Derived and announced in the inbox's transaction, like any batch.
    expect(events.map((e) => [e.payload.customerId, e.payload.behaviourValue])).toEqual([[ERIN, 250_000]]);

    const direct = await run(RECORD_TX, { input: [{ ...purchase('u-1', ERIN, '2500.00', '2026-06-29T09:00:00Z', 'CASH_LOAN'), merchantCategory: 'CASH' }] });
    expect(direct.data?.recordTransactions).toBe(0);
    expect(await count(`SELECT (w->>'transactionCount')::int AS n FROM behaviour_profiles, jsonb_array_elements(windows) w WHERE customer_id = $1 AND (w->>'days')::int = 365`, [ERIN])).toBe(1);
  });

  it('keeps a known merchant category and channel', async () => {
    const event = capture({ utilisationId: 'u-2', product: 'PAY_LATER', merchantCategory: 'TRAVEL', channel: 'OFFLINE' });
    await bus.publish(event);
    await until(async () => (await count(`SELECT count(*)::int AS n FROM transactions WHERE event_id = 'u-2'`)) === 1, 'the second capture');
    expect(await database.dataSource.query(`SELECT merchant_category, channel FROM transactions WHERE event_id = 'u-2'`)).toEqual([{ merchant_category: 'TRAVEL', channel: 'OFFLINE' }]);
  });
});

describe('an event that fails its contract', () => {
  it('is parked with the validation error and changes nothing', async () => {
    const settings = { rules: loadLifecycleRules(), behaviourEvents: loadBehaviourEventsConfig() };
    const limits = behaviourConsumers(settings, clock).find((c) => c.name === LIMITS_CONSUMER)!;
    const inbox = new Inbox({ dataSource: database.dataSource, consumer: LIMITS_CONSUMER, effects: limits.effects, clock });
    const broken = { ...newEvent('limit.changed', 'limit-allocation', { customerId: BOB, decisionId: 'd-9', jointLimit: -5, cashLoanLimit: 0, payLaterLimit: 0, reasonCodes: [], decidedAt: '2026-06-01T00:00:00.000Z' }, clock.now()) };
    const limitsBefore = await count(`SELECT count(*)::int AS n FROM customer_limits`);
    await inbox.handle(broken);
    const parked = await server.events.deadLetters(10, LIMITS_CONSUMER);
    expect(parked).toEqual([expect.objectContaining({ eventId: broken.id, type: 'limit.changed', error: expect.stringContaining('payload.jointLimit must be whole fen ≥ 0') })]);
    expect(await count(`SELECT count(*)::int AS n FROM customer_limits`)).toBe(limitsBefore);
    expect(await count(`SELECT count(*)::int AS n FROM event_inbox WHERE event_id = $1`, [broken.id])).toBe(0);
    expect(server.events.consumerNames.sort()).toEqual([LIMITS_CONSUMER, REGIONS_CONSUMER, UTILISATION_CONSUMER]);
  });
});

describe('score.changed', () => {
  it('records the region the customer was onboarded with, for region segments', async () => {
    const scored = newEvent(
      'score.changed',
      'credit-scoring',
      { customerId: 'c_00000000000000f6', score: 610, probabilityOfDefault: 0.05, grade: 'C', reasonCodes: [], modelVersion: 'm', scoredAt: '2026-06-30T11:00:00.000Z', region: '44', declaredIncome: 10_000_000, behaviour: null },
      new Date('2026-06-30T11:00:00Z'),
    );
    await bus.publish(scored);
    await bus.publish(scored);
    await until(async () => (await count(`SELECT count(*)::int AS n FROM event_inbox WHERE consumer = $1 AND event_id = $2`, [REGIONS_CONSUMER, scored.id])) === 1, 'the region to be recorded');
    expect(await database.dataSource.query(`SELECT region FROM customer_regions WHERE customer_id = $1`, ['c_00000000000000f6'])).toEqual([{ region: '44' }]);
  });
});
