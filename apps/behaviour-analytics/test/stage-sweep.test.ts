import { fixedClock } from '@jc/domain';
import { TEST_INTERNAL_SECRET, testPrincipals, type Database, type SubgraphServer } from '@jc/subgraph-kit';
import { createBehaviourAnalyticsServer, openBehaviourTestDatabase } from '../src';
import { loadBehaviourEventsConfig } from '../src/model/behaviour-events-config';
import { loadLifecycleRules } from '../src/model/lifecycle-rules';
import { PROFILE_REFRESH_EVERY_MS, refreshStaleProfiles } from '../src/services/profile-refresh';

/**
 * Stages that move with time alone: the sweep finds each customer whose threshold fell due, and
 * the change is dated at the crossing, not at the sweep; between sweeps a stage is never staler
 * than the sweep interval.
 */
const IDLE = 'c_0000000000000e01';
const NEWBIE = 'c_0000000000000e02';
const OVERDUE = 'c_0000000000000e03';
// 90 days after IDLE's last purchase, 30 days after OVERDUE's missed due date, 90 days after NEWBIE's first purchase.
const DORMANT_AT = '2026-06-30T09:30:00.000Z';
const HIGH_RISK_AT = '2026-06-30T18:00:00.000Z';
const ACTIVE_AT = '2026-07-01T14:20:00.000Z';

const clock = fixedClock('2026-06-29T00:00:00Z');
const settings = { rules: loadLifecycleRules(), behaviourEvents: loadBehaviourEventsConfig() };
let database: Database;
let server: SubgraphServer;

const run = (query: string, variables: Record<string, unknown>) => server.execute({ query, variables }, testPrincipals.service);
const purchase = (customerId: string, at: string) => ({
  eventId: `sweep-${customerId}-${at}`, customerId, product: 'PAY_LATER', amount: '25.00', merchantCategory: 'GROCERY', channel: 'ONLINE', occurredAt: at,
});
const sweep = () => refreshStaleProfiles({ ...settings, dataSource: database.dataSource, clock });

async function customers(): Promise<Map<string, { stage: string; history: { from: string | null; to: string; at: string; reason: string }[] }>> {
  const res = await server.execute({
    query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id behaviour { lifecycleStage }
      stageHistory { edges { node { from to at reason } } } } } }`,
    variables: { r: [IDLE, NEWBIE, OVERDUE].map((id) => ({ __typename: 'Customer', id })) },
  }, testPrincipals.analyst);
  expect(res.errors).toBeUndefined();
  type Node = { from: string | null; to: string; at: string; reason: string };
  return new Map(res.data?._entities.map((c: { id: string; behaviour: { lifecycleStage: string }; stageHistory: { edges: { node: Node }[] } }) => [
    c.id,
    { stage: c.behaviour.lifecycleStage, history: c.stageHistory.edges.map((e) => e.node).reverse() },
  ]));
}

beforeAll(async () => {
  database = await openBehaviourTestDatabase();
  server = await createBehaviourAnalyticsServer({ database, internalSecret: TEST_INTERNAL_SECRET, clock, ...settings });
  const tx = await run('mutation ($input: [TransactionInput!]!) { recordTransactions(input: $input) }', {
    input: [
      purchase(IDLE, '2026-01-05T08:00:00Z'),
      purchase(IDLE, '2026-04-01T09:30:00Z'),
      purchase(NEWBIE, '2026-04-02T14:20:00Z'),
      purchase(NEWBIE, '2026-06-25T11:00:00Z'),
      purchase(OVERDUE, '2026-01-10T10:00:00Z'),
      purchase(OVERDUE, '2026-06-20T10:00:00Z'),
    ],
  });
  expect(tx.errors).toBeUndefined();
  const missed = { eventId: 'sweep-missed', customerId: OVERDUE, product: 'PAY_LATER', amount: '80.00', dueDate: '2026-05-31T18:00:00Z', paidAt: null };
  expect((await run('mutation ($input: [RepaymentInput!]!) { recordRepayments(input: $input) }', { input: [missed] })).errors).toBeUndefined();
});
afterAll(async () => (server ? server.stop() : database?.close()));

it('turns a threshold crossed between sweeps into a stage change dated at the crossing, once', async () => {
  const before = await customers();
  expect([IDLE, NEWBIE, OVERDUE].map((id) => before.get(id)!.stage)).toEqual(['ACTIVE', 'NEW', 'ACTIVE']);

  // Ten minutes after IDLE crossed 90 idle days: profiles derived a day and a half ago, well within no age rule.
  clock.set('2026-06-30T09:40:00Z');
  expect(await sweep()).toMatchObject({ stageChanges: 1 });
  const idle = (await customers()).get(IDLE)!;
  expect(idle.stage).toBe('DORMANT');
  expect(idle.history.at(-1)).toEqual({ from: 'ACTIVE', to: 'DORMANT', at: DORMANT_AT, reason: 'no transaction for 90 days (threshold 90)' });

  // The same pass again, and a later one before any other threshold, change nothing.
  expect(await sweep()).toMatchObject({ stageChanges: 0 });
  clock.set('2026-06-30T10:00:00Z');
  expect(await sweep()).toEqual({ customers: 0, stageChanges: 0, published: 0 });
  expect((await customers()).get(IDLE)!.history).toHaveLength(idle.history.length);
});

it('keeps every stage within one sweep interval of the truth, each change dated when it happened', async () => {
  const expected = (at: number) => ({
    [IDLE]: 'DORMANT',
    [NEWBIE]: at >= Date.parse(ACTIVE_AT) ? 'ACTIVE' : 'NEW',
    [OVERDUE]: at >= Date.parse(HIGH_RISK_AT) ? 'HIGH_RISK' : 'ACTIVE',
  });
  for (let at = Date.parse('2026-06-30T10:15:00Z'); at <= Date.parse('2026-07-01T18:00:00Z'); at += PROFILE_REFRESH_EVERY_MS) {
    clock.set(new Date(at));
    await sweep();
    // What a read sees until the next pass, PROFILE_REFRESH_EVERY_MS later.
    const stored: { customer_id: string; lifecycle_stage: string }[] = await database.dataSource.query(`SELECT customer_id, lifecycle_stage FROM behaviour_profiles`);
    expect(Object.fromEntries(stored.map((r) => [r.customer_id, r.lifecycle_stage]))).toEqual(expected(at));
  }
  const after = await customers();
  expect(after.get(OVERDUE)!.history.at(-1)).toMatchObject({ from: 'ACTIVE', to: 'HIGH_RISK', at: HIGH_RISK_AT, reason: '30 days past due (threshold 30)' });
  expect(after.get(NEWBIE)!.history.at(-1)).toMatchObject({ from: 'NEW', to: 'ACTIVE', at: ACTIVE_AT });
  for (const { history } of after.values()) {
    const dates = history.map((c) => Date.parse(c.at));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
  }
});
