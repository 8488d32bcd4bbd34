import { fixedClock, type EventEnvelope, type ScoreChangedV1 } from '@jc/domain';
import { InProcessBus, type EventfulServer } from '@jc/events';
import { testPrincipals, type Database } from '@jc/subgraph-kit';
import { scoreChangedEvent } from './support/score-events';
import { startLimitSubgraph } from './support/subgraph';
import { customerIds } from './support/customer-ids';

/** score.changed → snapshot and re-decision under the current policy → limit.changed, once per event. */
const clock = fixedClock('2026-11-30T08:00:00Z');
let database: Database;
let server: EventfulServer;
const bus = new InProcessBus();
const announced: EventEnvelope<'limit.changed'>[] = [];

beforeAll(async () => {
  ({ database, server } = await startLimitSubgraph(clock, bus));
  await server.events.start();
  await bus.subscribe('test.limits', ['limit.changed'], async (e) => {
    announced.push(e as EventEnvelope<'limit.changed'>);
  });
});
afterAll(async () => {
  await server?.stop();
  await bus.close();
});

const customer = customerIds(0xf00000);

const scored = (customerId: string, patch: Partial<ScoreChangedV1> = {}, behaviour: Parameters<typeof scoreChangedEvent>[3] = {}) =>
  scoreChangedEvent(customerId, clock.now().toISOString(), patch, behaviour, clock.now());

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const decisionsOf = async (id: string): Promise<Array<{ trigger: string; reason_codes: string[]; after: { cashLoanLimit: number; payLaterLimit: number } }>> =>
  database.dataSource.query(`SELECT trigger, reason_codes, after FROM limit_decisions WHERE customer_id = $1 ORDER BY id`, [id]);
const processed = async (eventId: string) => (await database.dataSource.query(`SELECT 1 FROM event_inbox WHERE event_id = $1`, [eventId])).length > 0;

function run(query: string, variables: Record<string, unknown> = {}) {
  return server.execute({ query, variables }, testPrincipals.admin);
}

it('opens a NEW customer a PAY_LATER line and announces it', async () => {
  const id = customer();
  const event = scored(id);
  await bus.publish(event);
  await until(() => processed(event.id));
  const [decision, ...more] = await decisionsOf(id);
  expect(more).toEqual([]);
  expect(decision).toMatchObject({ trigger: 'SCORE_CHANGED', after: { cashLoanLimit: 0 } });
  expect(decision!.after.payLaterLimit).toBeGreaterThan(0);
  await until(async () => announced.some((e) => e.payload.customerId === id));
  const limit = announced.find((e) => e.payload.customerId === id)!;
  expect(limit.payload).toMatchObject({ payLaterLimit: decision!.after.payLaterLimit, cashLoanLimit: 0, reasonCodes: decision!.reason_codes });
});

it('applies a redelivered event once, ignores an older score, and records no unchanged review', async () => {
  const id = customer();
  const event = scored(id);
  await bus.publish(event);
  await bus.publish(event);
  await until(() => processed(event.id));
  clock.advance(60_000);
  const same = scored(id);
  const older = scored(id, { score: 400, grade: 'E', scoredAt: '2026-01-01T00:00:00.000Z' });
  await bus.publish(same);
  await bus.publish(older);
  await until(async () => (await processed(same.id)) && (await processed(older.id)));
  expect(await decisionsOf(id)).toHaveLength(1);
  const [snapshot] = await database.dataSource.query(`SELECT score FROM risk_snapshots WHERE customer_id = $1`, [id]);
  expect(snapshot.score).toBe(640);
});

it('cuts the line and freezes cash draws when the score says overdue', async () => {
  const id = customer();
  const first = scored(id, {}, { lifecycleStage: 'ACTIVE', onTimeRepaymentStreak: 8, behaviourValue: 2_000_000 });
  await bus.publish(first);
  await until(() => processed(first.id));
  clock.advance(60_000);
  const overdue = scored(id, { score: 520, grade: 'D', probabilityOfDefault: 0.2 }, { lifecycleStage: 'HIGH_RISK', currentDaysPastDue: 65, onTimeRepaymentStreak: 0 });
  await bus.publish(overdue);
  await until(() => processed(overdue.id));
  const [opened, cut] = await decisionsOf(id);
  expect(cut!.after.cashLoanLimit + cut!.after.payLaterLimit).toBeLessThan(opened!.after.cashLoanLimit + opened!.after.payLaterLimit);
  expect(cut!.reason_codes).toEqual(expect.arrayContaining(['OVERDUE']));
});

describe('dead letters', () => {
  const LIST = '{ limitAllocationDeadLetters(first: 10) { edges { node { consumer eventId type error attempts } } pageInfo { hasNextPage } } }';
  const REPLAY = 'mutation ($input: ReplayEventInput!) { replayLimitAllocationEvent(input: $input) }';

  it('parks an event that breaks its contract with the reason, changing nothing, and refuses to replay it', async () => {
    const id = customer();
    const bad = scored(id) as unknown as { payload: Record<string, unknown>; id: string };
    bad.payload.grade = 'Z';
    // The bus refuses it on publish; one that reaches a consumer anyway is parked there.
    await expect(bus.publish(bad as never)).rejects.toThrow(/payload.grade/);
    await server.events.deliver('limit-allocation.scores', bad);
    const listed = await run(LIST);
    const node = listed.data!.limitAllocationDeadLetters.edges.find((e: { node: { eventId: string } }) => e.node.eventId === bad.id).node;
    expect(node).toMatchObject({ consumer: 'limit-allocation.scores', type: 'score.changed', attempts: 1 });
    expect(node.error).toMatch(/payload.grade must be A–E/);
    expect(await decisionsOf(id)).toEqual([]);
    const replay = await run(REPLAY, { input: { consumer: 'limit-allocation.scores', eventId: bad.id } });
    expect(replay.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('replays a parked valid event once, and names an unknown consumer or dead letter', async () => {
    const id = customer();
    const event = scored(id);
    await database.dataSource.query(
      `INSERT INTO event_dead_letters (consumer, event_id, type, message, error, attempts, parked_at) VALUES ('limit-allocation.scores', $1, 'score.changed', $2, 'database was down', 5, $3)`,
      [event.id, JSON.stringify(event), clock.now()],
    );
    expect((await run(REPLAY, { input: { consumer: 'limit-allocation.scores', eventId: event.id } })).data).toEqual({ replayLimitAllocationEvent: 'APPLIED' });
    expect((await run(REPLAY, { input: { consumer: 'limit-allocation.scores', eventId: event.id } })).data).toEqual({ replayLimitAllocationEvent: 'ALREADY_APPLIED' });
    expect(await decisionsOf(id)).toHaveLength(1);
    expect((await run(REPLAY, { input: { consumer: 'nobody', eventId: event.id } })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await run(REPLAY, { input: { consumer: 'limit-allocation.scores', eventId: 'evt-missing' } })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await server.execute({ query: LIST }, testPrincipals.analyst)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
