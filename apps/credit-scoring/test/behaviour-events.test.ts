import { eventProblems, fixedClock, type BehaviourUpdatedV1, type EventEnvelope } from '@jc/domain';
import { InProcessBus, newEvent, type EventfulServer } from '@jc/events';
import { TEST_INTERNAL_SECRET, testPrincipals, type Database } from '@jc/subgraph-kit';
import { createCreditScoringServer, openCreditScoringTestDatabase } from '../src';
import { applicantReferenceLimit, storedStatements } from '../src/events/behaviour-consumer';

/** behaviour.updated → statements stored, customer rescored, score.changed announced, once per event. */
const clock = fixedClock('2026-11-30T08:00:00Z');
let database: Database;
let server: EventfulServer;
const bus = new InProcessBus();
const announced: EventEnvelope<'score.changed'>[] = [];

beforeAll(async () => {
  database = await openCreditScoringTestDatabase();
  server = await createCreditScoringServer({ database, clock, internalSecret: TEST_INTERNAL_SECRET, bus });
  await server.events.start();
  await bus.subscribe('test.scores', ['score.changed'], async (e) => {
    announced.push(e as EventEnvelope<'score.changed'>);
  });
});
afterAll(async () => {
  await server?.stop();
  await bus.close();
});

async function onboard(): Promise<string> {
  const res = await server.execute(
    { query: 'mutation { onboardCustomer(input: { region: "31", declaredAnnualIncome: "150000.00", birthYear: 1988, education: GRADUATE }) { id } }' },
    testPrincipals.service,
  );
  return res.data?.onboardCustomer.id;
}

const MONTHS = ['2026-11-01', '2026-10-01', '2026-09-01', '2026-08-01', '2026-07-01', '2026-06-01'];
const onTime = MONTHS.map((month) => ({ month, limit: 2_000_000, balance: 300_000, repaid: 300_000, status: -1 }));
const late = MONTHS.map((month, i) => ({ month, limit: 2_000_000, balance: 1_990_000, repaid: 0, status: Math.max(0, 3 - i) }));

function updated(customerId: string, statements: BehaviourUpdatedV1['statements'], patch: Partial<BehaviourUpdatedV1> = {}) {
  return newEvent(
    'behaviour.updated',
    'behaviour-analytics',
    { customerId, lifecycleStage: 'ACTIVE', previousStage: 'NEW', statements, onTimeRepaymentStreak: 6, worstDaysPastDue: 0, currentDaysPastDue: 0, behaviourValue: 1_800_000, asOf: clock.now().toISOString(), ...patch },
    clock.now(),
  );
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const scoresOf = (id: string) => announced.filter((e) => e.payload.customerId === id);
const processed = async (eventId: string) => (await database.dataSource.query(`SELECT 1 FROM event_inbox WHERE event_id = $1`, [eventId])).length > 0;

it('rescores from the statements and announces the champion score with the behaviour it used', async () => {
  const id = await onboard();
  const event = updated(id, onTime);
  await bus.publish(event);
  await until(() => scoresOf(id).length === 1);
  const [score] = scoresOf(id);
  expect(eventProblems(score)).toEqual([]);
  expect(score!.payload).toMatchObject({
    region: '31',
    declaredIncome: 15_000_000,
    behaviour: { lifecycleStage: 'ACTIVE', onTimeRepaymentStreak: 6, currentDaysPastDue: 0, behaviourValue: 1_800_000 },
  });
  const profile = await server.execute({ query: 'query ($id: ID!) { customer(id: $id) { creditProfile { score } } }', variables: { id } }, testPrincipals.analyst);
  expect(profile.data?.customer.creditProfile.score).toBe(score!.payload.score);
});

it('applies a redelivery once, scores lower on late statements, and lets no older update win', async () => {
  const id = await onboard();
  const first = updated(id, onTime);
  await bus.publish(first);
  await bus.publish(first);
  await until(() => processed(first.id));
  clock.advance(60_000);
  const worse = updated(id, late, { lifecycleStage: 'HIGH_RISK', currentDaysPastDue: 65, worstDaysPastDue: 65, onTimeRepaymentStreak: 0, asOf: clock.now().toISOString() });
  const stale = updated(id, onTime, { asOf: '2026-01-01T00:00:00.000Z' });
  await bus.publish(worse);
  await bus.publish(stale);
  await until(async () => (await processed(worse.id)) && (await processed(stale.id)));
  const scores = scoresOf(id);
  expect(scores).toHaveLength(2);
  expect(scores[1]!.payload.score).toBeLessThan(scores[0]!.payload.score);
  expect(scores[1]!.payload.behaviour).toMatchObject({ lifecycleStage: 'HIGH_RISK', currentDaysPastDue: 65 });
});

it('rescores a customer once for several updates in one batch: newest facts, every month reported, an older update skipped', async () => {
  const [other, id] = [await onboard(), await onboard()];
  const ago = (minutes: number) => new Date(clock.now().getTime() - minutes * 60_000).toISOString();
  const earlier = updated(id, onTime.slice(0, 3), { asOf: ago(2) });
  const newer = updated(id, late.slice(3), { lifecycleStage: 'HIGH_RISK', currentDaysPastDue: 30, worstDaysPastDue: 30, onTimeRepaymentStreak: 0, asOf: ago(1) });
  const older = updated(id, late, { asOf: ago(5) });
  // Published in one go: the first starts a batch of its own, the three behind it wait for it and go together.
  await Promise.all([updated(other, onTime), earlier, newer, older].map((e) => bus.publish(e)));
  await until(() => processed(older.id));
  // written with the inbox rows: all the batch announced is there once its last event is
  const [outbox] = await database.dataSource.query(`SELECT count(*)::int AS n FROM event_outbox WHERE type = 'score.changed' AND envelope::jsonb->'payload'->>'customerId' = $1`, [id]);
  expect(outbox.n).toBe(1);
  await until(() => scoresOf(id).length === 1);
  expect(scoresOf(id)[0]!.payload.behaviour).toMatchObject({ lifecycleStage: 'HIGH_RISK', currentDaysPastDue: 30 });
  const months: Array<{ month: string; status: number }> = await database.dataSource.query(
    `SELECT to_char(month, 'YYYY-MM') AS month, status FROM customer_statements WHERE customer_id = $1 ORDER BY month DESC`,
    [id],
  );
  expect(months).toEqual([...onTime.slice(0, 3), ...late.slice(3)].map((s) => ({ month: s.month.slice(0, 7), status: s.status })));
});

it('ignores behaviour of a customer it never onboarded, and the manual scoreCustomer announces too', async () => {
  const stranger = updated('c_00000000000fffff', onTime);
  await bus.publish(stranger);
  await until(() => processed(stranger.id));
  expect(scoresOf('c_00000000000fffff')).toEqual([]);

  const id = await onboard();
  const statements = MONTHS.map((month) => ({ month, limit: '20000.00', balance: '3000.00', repaid: '3000.00', status: -1 }));
  const res = await server.execute({ query: 'mutation ($i: ScoreCustomerInput!) { scoreCustomer(input: $i) { score } }', variables: { i: { customerId: id, statements } } }, testPrincipals.admin);
  expect(res.errors).toBeUndefined();
  await until(() => scoresOf(id).length === 1);
  expect(scoresOf(id)[0]!.payload.behaviour).toBeNull();
});

it('scores months before any line with the nearest known limit, or the applicant reference', () => {
  const months = [
    { month: '2026-11-01', limit: 0, balance: 10_000, repaid: 0, status: 0 },
    { month: '2026-10-01', limit: 500_000, balance: 0, repaid: 0, status: -2 },
    { month: '2026-09-01', limit: 0, balance: 0, repaid: 0, status: 11 },
  ];
  expect(storedStatements(months, 1).map((s) => [s.limit, s.status])).toEqual([[500_000, 0], [500_000, -2], [500_000, 9]]);
  expect(storedStatements([{ ...months[0]! }], 1_800_000)[0]!.limit).toBe(1_800_000);
  expect(applicantReferenceLimit(18_000_000)).toBe(1_800_000);
  expect(applicantReferenceLimit(1_000_000)).toBe(300_000);
});

it('serves the newest score as the profile and first in the history, past ten scorings', async () => {
  const id = await onboard();
  for (let i = 0; i < 11; i += 1) {
    clock.advance(1_000);
    const statements = onTime.map((s, k) => (k === 0 ? { ...s, balance: 100_000 + i * 50_000 } : s));
    const event = updated(id, statements, { asOf: clock.now().toISOString() });
    await bus.publish(event);
    await until(() => processed(event.id));
  }
  // Each update is announced after its inbox row commits: wait for the eleventh announcement.
  await until(() => scoresOf(id).length === 11);
  const last = scoresOf(id).at(-1)!.payload.score;
  const res = await server.execute({ query: 'query ($id: ID!) { customer(id: $id) { creditProfile { score scoredAt } scoreHistory(first: 2) { edges { node { scoredAt } } } } }', variables: { id } }, testPrincipals.analyst);
  const customer = res.data?.customer;
  expect(customer.creditProfile.score).toBe(last);
  expect(customer.scoreHistory.edges[0].node.scoredAt).toBe(customer.creditProfile.scoredAt);
});

it('scores from every stored month when a behaviour update and scoreCustomer of one customer run at once', async () => {
  const SCORE = 'mutation ($id: ID!, $s: [StatementInput!]!) { scoreCustomer(input: { customerId: $id, statements: $s }) { score probabilityOfDefault } }';
  const PROFILE = 'query ($id: ID!) { customer(id: $id) { creditProfile { score probabilityOfDefault } } }';
  const recent = { month: '2026-11-01', limit: '20000.00', balance: '19900.00', repaid: '0.00', status: 3 };
  for (let round = 0; round < 4; round++) {
    const id = await onboard();
    const event = updated(id, late.slice(1));
    const [, manual] = await Promise.all([bus.publish(event), server.execute({ query: SCORE, variables: { id, s: [recent] } }, testPrincipals.service)]);
    expect(manual.errors).toBeUndefined();
    await until(() => processed(event.id));
    const profile = (await server.execute({ query: PROFILE, variables: { id } }, testPrincipals.analyst)).data?.customer.creditProfile;
    const settled = (await server.execute({ query: SCORE, variables: { id, s: [recent] } }, testPrincipals.service)).data?.scoreCustomer;
    expect(profile).toEqual(settled);
  }
});
