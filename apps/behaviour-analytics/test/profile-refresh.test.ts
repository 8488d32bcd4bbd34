import { fixedClock, type Clock } from '@jc/domain';
import type { Database } from '@jc/subgraph-kit';
import { openBehaviourTestDatabase } from '../src';
import { loadBehaviourEventsConfig } from '../src/model/behaviour-events-config';
import { loadLifecycleRules } from '../src/model/lifecycle-rules';
import { recordTransactions } from '../src/services/ingestion';
import { refreshStaleProfiles } from '../src/services/profile-refresh';
import type { TransactionEvent } from '../src/model/events';

/** Profiles move with time alone: the refresh re-derives the stale ones at the clock's now. */
const settings = { rules: loadLifecycleRules(), behaviourEvents: loadBehaviourEventsConfig() };
const IDLE = 'c_00000000000001d1';
const BUSY = 'c_00000000000001b2';
let database: Database;

const deps = (clock: Clock) => ({ ...settings, dataSource: database.dataSource, clock });
const purchase = (customerId: string, n: number, at: string): TransactionEvent => ({
  eventId: `refresh-${customerId}-${n}`, customerId, product: 'PAY_LATER', amount: 12_000, merchantCategory: 'GROCERY', channel: 'ONLINE', occurredAt: new Date(at),
});
const stageOf = async (id: string): Promise<string> => (await database.dataSource.query(`SELECT lifecycle_stage FROM behaviour_profiles WHERE customer_id = $1`, [id]))[0].lifecycle_stage;
const announced = async (): Promise<number> => (await database.dataSource.query(`SELECT count(*)::int AS n FROM event_outbox WHERE type = 'behaviour.updated'`))[0].n;

beforeAll(async () => {
  database = await openBehaviourTestDatabase();
  // Both customers bought monthly from January to the end of May; only BUSY goes on buying.
  const history = [IDLE, BUSY].flatMap((id) => ['01-10', '02-10', '03-10', '04-10', '05-30'].map((d, i) => purchase(id, i, `2026-${d}T10:00:00Z`)));
  await recordTransactions(deps(fixedClock('2026-06-01T00:00:00Z')), history);
  await recordTransactions(deps(fixedClock('2026-09-14T00:00:00Z')), [purchase(BUSY, 9, '2026-09-13T10:00:00Z')]);
});
afterAll(() => database?.close());

it('turns a customer idle for 90 days DORMANT with a stage change and an announcement, and leaves fresh profiles alone', async () => {
  expect([await stageOf(IDLE), await stageOf(BUSY)]).toEqual(['ACTIVE', 'ACTIVE']);
  const before = await announced();
  const result = await refreshStaleProfiles(deps(fixedClock('2026-09-15T00:00:00Z')));
  // BUSY was derived a day ago, within the default age; IDLE on 1 June.
  expect(result).toEqual({ customers: 1, stageChanges: 1, published: 1 });
  expect([await stageOf(IDLE), await stageOf(BUSY)]).toEqual(['DORMANT', 'ACTIVE']);
  const [change] = await database.dataSource.query(`SELECT from_stage, to_stage, reason FROM stage_changes WHERE customer_id = $1 ORDER BY id DESC LIMIT 1`, [IDLE]);
  expect([change.from_stage, change.to_stage]).toEqual(['ACTIVE', 'DORMANT']);
  expect(change.reason).toMatch(/90/);
  expect(await announced()).toBe(before + 1);
});

it('changes nothing when run again at the same time, and re-derives every profile older than the age given', async () => {
  const again = await refreshStaleProfiles(deps(fixedClock('2026-09-15T00:00:00Z')));
  expect(again).toEqual({ customers: 0, stageChanges: 0, published: 0 });
  const later = await refreshStaleProfiles(deps(fixedClock('2026-09-15T06:00:00Z')), 60_000);
  expect(later.customers).toBe(2);
  expect(later.stageChanges).toBe(0);
});
