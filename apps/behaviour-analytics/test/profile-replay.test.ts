import { fixedClock } from '@jc/domain';
import type { Database } from '@jc/subgraph-kit';
import { openBehaviourTestDatabase } from '../src';
import { loadBehaviourEventsConfig } from '../src/model/behaviour-events-config';
import { loadLifecycleRules } from '../src/model/lifecycle-rules';
import type { RepaymentEvent, TransactionEvent } from '../src/model/events';
import { CustomerLimitRepository } from '../src/db/customer-limit-repository';
import { storeHistory } from '../src/services/ingestion';
import { replayProfiles } from '../src/services/profile-refresh';

/** A stored history derived date by date: stages change when the events and the time since made them change. */
const settings = { rules: loadLifecycleRules(), behaviourEvents: loadBehaviourEventsConfig(), announce: false };
const IDLE = 'c_00000000000002a1';
const LATE = 'c_00000000000002a2';
const MISSED = 'c_00000000000002a3';
const ONBOARDED_LONG_AGO = 'c_00000000000002a4';
const OPENED_LATER = 'c_00000000000002a5';
const at = (day: string) => new Date(`2026-${day}T00:00:00Z`);
let database: Database;

const deps = () => ({ ...settings, dataSource: database.dataSource, clock: fixedClock('2026-07-01T00:00:00Z') });
const purchase = (customerId: string, day: string): TransactionEvent => ({
  eventId: `replay-${customerId}-${day}`, customerId, product: 'PAY_LATER', amount: 10_000, merchantCategory: 'GROCERY', channel: 'OFFLINE', occurredAt: new Date(`2026-${day}T10:00:00Z`),
});
const repayment = (customerId: string, due: string, paid: string | null): RepaymentEvent => ({
  eventId: `replay-${customerId}-due-${due}`, customerId, product: 'PAY_LATER', amount: 10_000, dueDate: new Date(`2026-${due}T00:00:00Z`), paidAt: paid ? new Date(`2026-${paid}T09:00:00Z`) : null,
});
const history = async (id: string) =>
  (await database.dataSource.query(`SELECT from_stage, to_stage, changed_at FROM stage_changes WHERE customer_id = $1 ORDER BY id`, [id])).map(
    (r: { from_stage: string | null; to_stage: string; changed_at: Date }) => {
      const iso = new Date(r.changed_at).toISOString();
      return [r.from_stage, r.to_stage, iso.endsWith('T00:00:00.000Z') ? iso.slice(5, 10) : iso.slice(5, 16)];
    },
  );
const profile = async (id: string) => (await database.dataSource.query(`SELECT lifecycle_stage, as_of, windows FROM behaviour_profiles WHERE customer_id = $1`, [id]))[0];

beforeAll(async () => {
  database = await openBehaviourTestDatabase();
  const transactions = [
    // IDLE buys in January only; LATE first appears in April; MISSED buys monthly and leaves February's statement unpaid until May.
    ...['01-05', '01-20'].map((d) => purchase(IDLE, d)),
    ...['04-10', '05-10', '06-10'].map((d) => purchase(LATE, d)),
    ...['01-08', '02-08', '03-08', '04-08', '05-08', '06-08'].map((d) => purchase(MISSED, d)),
    ...['03-10', '03-20', '06-20'].map((d) => purchase(ONBOARDED_LONG_AGO, d)),
    ...['03-10', '03-20', '06-20'].map((d) => purchase(OPENED_LATER, d)),
  ];
  const line = (customerId: string, decidedAt: string) => ({ decisionId: `replay-line-${customerId}`, customerId, decidedAt, jointLimit: 500_000, cashLoanLimit: 0, payLaterLimit: 500_000 });
  // A line opened well before the first purchase, and one (out of order) only after it.
  await new CustomerLimitRepository(database.dataSource).recordMany([line(ONBOARDED_LONG_AGO, '2025-06-01T00:00:00Z'), line(OPENED_LATER, '2026-03-25T00:00:00Z')]);
  const repayments = [repayment(MISSED, '02-25', null), repayment(MISSED, '03-25', '05-20')];
  await storeHistory(deps(), transactions, repayments);
});
afterAll(() => database?.close());

it('stores a history without deriving anything, and refuses a bad batch whole', async () => {
  const [row] = await database.dataSource.query(`SELECT (SELECT count(*) FROM transactions)::int AS tx, (SELECT count(*) FROM behaviour_profiles)::int AS profiles`);
  expect(row).toEqual({ tx: 17, profiles: 0 });
  const bad = { ...purchase(IDLE, '06-30'), eventId: 'replay-bad', amount: -5 };
  await expect(storeHistory(deps(), [purchase(LATE, '06-20'), bad], [])).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect((await database.dataSource.query(`SELECT count(*)::int AS n FROM transactions`))[0].n).toBe(17);
});

it('derives at an earlier date from what had happened by then', async () => {
  await replayProfiles(deps(), [at('02-01')]);
  const missed = await profile(MISSED);
  expect(new Date(missed.as_of).toISOString()).toBe('2026-02-01T00:00:00.000Z');
  // Only January's purchase: February's and later ones had not happened.
  expect(missed.windows.find((w: { days: number }) => w.days === 30)).toMatchObject({ transactionCount: 1, spend: 10_000 });
  expect(await profile(LATE)).toBeUndefined();
});

it('dates each stage change when it happened between the replay dates, each from the stage before', async () => {
  const result = await replayProfiles(deps(), ['03-01', '04-01', '05-01', '06-01', '07-01'].map(at));
  expect(result.published).toBe(0);
  // Time alone moved these between two replay dates: each change is dated at its threshold, as
  // the live sweep would have dated it, not at the replay date that noticed it.
  expect(await history(IDLE)).toEqual([
    [null, 'NEW', '02-01'],
    // 90 days after the first purchase (5 January, 10:00) no longer new, 90 after the last (20 January) dormant.
    ['NEW', 'ACTIVE', '04-05T10:00'],
    ['ACTIVE', 'DORMANT', '04-20T10:00'],
  ]);
  expect(await history(LATE)).toEqual([[null, 'NEW', '05-01']]);
  // First seen when the line opened, not at the first purchase: never new. Idle for 90 days after
  // 20 March, active again with the purchase of 20 June: both between the June and July dates.
  expect(await history(ONBOARDED_LONG_AGO)).toEqual([
    [null, 'ACTIVE', '04-01'],
    ['ACTIVE', 'DORMANT', '06-18T10:00'],
    ['DORMANT', 'ACTIVE', '06-20T10:00'],
  ]);
  // New until 90 days after 10 March, then the same as above.
  expect(await history(OPENED_LATER)).toEqual([
    [null, 'NEW', '04-01'],
    ['NEW', 'ACTIVE', '06-08T10:00'],
    ['ACTIVE', 'DORMANT', '06-18T10:00'],
    ['DORMANT', 'ACTIVE', '06-20T10:00'],
  ]);
  // February's amount turns 30 days past due on 27 March. The payment of 20 May cures it, but 84
  // days late within the year keeps the customer HIGH_RISK until that ages out.
  expect(await history(MISSED)).toEqual([
    [null, 'NEW', '02-01'],
    ['NEW', 'HIGH_RISK', '03-27'],
  ]);
  expect((await profile(MISSED)).lifecycle_stage).toBe('HIGH_RISK');
  expect(new Date((await profile(IDLE)).as_of).toISOString()).toBe('2026-07-01T00:00:00.000Z');
});

it('changes nothing when a date is replayed again', async () => {
  const again = await replayProfiles(deps(), [at('07-01')]);
  expect(again.stageChanges).toBe(0);
  expect(again.customers).toBe(5);
});
