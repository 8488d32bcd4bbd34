import { fixedClock } from '@jc/domain';
import type { Database } from '@jc/subgraph-kit';
import { openBehaviourTestDatabase } from '../src';
import { loadBehaviourEventsConfig } from '../src/model/behaviour-events-config';
import { MERCHANT_CATEGORIES, type MerchantCategory, type TransactionEvent } from '../src/model/events';
import { deriveFeatures, FEATURE_WINDOWS, type FeatureWindowRecord, type WindowActivity } from '../src/model/features';
import { loadLifecycleRules } from '../src/model/lifecycle-rules';
import { DAY_MS } from '../src/model/repayment-history';
import { recordTransactions, type IngestionDeps } from '../src/services/ingestion';

/** Deterministic, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The window sums straight from the raw events, as the pre-aggregate code computed them. */
function fromScratch(events: readonly TransactionEvent[], asOf: Date): WindowActivity[] {
  return FEATURE_WINDOWS.map((days) => {
    const inWindow = events.filter((e) => e.occurredAt.getTime() > asOf.getTime() - days * DAY_MS && e.occurredAt <= asOf);
    const spendByCategory: Partial<Record<MerchantCategory, number>> = {};
    for (const e of inWindow) spendByCategory[e.merchantCategory] = (spendByCategory[e.merchantCategory] ?? 0) + e.amount;
    return {
      days,
      transactionCount: inWindow.length,
      spend: inWindow.reduce((sum, e) => sum + e.amount, 0),
      activeDays: new Set(inWindow.map((e) => e.occurredAt.toISOString().slice(0, 10))).size,
      onlineCount: inWindow.filter((e) => e.channel === 'ONLINE').length,
      spendByCategory,
    };
  });
}

let database: Database;
beforeAll(async () => (database = await openBehaviourTestDatabase()));
afterAll(() => database?.close());

it('keeps window features equal to a derivation from scratch over out-of-order batches and replays', async () => {
  const rnd = random(20261130);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const customers = ['c_0000000000000001', 'c_0000000000000002', 'c_0000000000000003'];
  const clock = fixedClock('2026-03-01T00:00:00Z');
  const deps: IngestionDeps = { dataSource: database.dataSource, clock, rules: loadLifecycleRules(), behaviourEvents: loadBehaviourEventsConfig() };
  const stored = new Map<string, TransactionEvent>();
  let next = 0;
  for (let batch = 0; batch < 30; batch++) {
    // Whole days (midnight, where a window starts exactly on a day boundary) or odd hours.
    clock.advance(rnd() < 0.3 ? Math.ceil(rnd() * 20) * DAY_MS : Math.floor(rnd() * 40) * 3_600_000 + 1_234);
    const now = clock.now().getTime();
    const events: TransactionEvent[] = [];
    for (let i = 0; i < 25; i++) {
      const edge = pick([0, 30, 90, 365].map((d) => now - d * DAY_MS));
      // Anywhere in the last 400 days, up to a day ahead, or right on a window edge.
      const at = rnd() < 0.3 ? edge + pick([-1, 0, 1, -3_600_000, 3_600_000]) : now - Math.floor(rnd() * 400 * DAY_MS) + Math.floor(rnd() * 20 * 3_600_000);
      events.push({
        eventId: `t-${next++}`,
        customerId: pick(customers),
        product: pick(['PAY_LATER', 'CASH_LOAN', 'OTHER'] as const),
        amount: 1 + Math.floor(rnd() * 500_000),
        merchantCategory: pick(MERCHANT_CATEGORIES),
        channel: pick(['ONLINE', 'OFFLINE'] as const),
        occurredAt: new Date(Math.min(at, now + DAY_MS - 1)),
      });
    }
    // Replays of earlier events ride along; they must not count twice.
    const replays = [...stored.values()].filter(() => rnd() < 0.05).slice(0, 10);
    const inserted = await recordTransactions(deps, [...events, ...replays]);
    expect(inserted).toBe(events.length);
    for (const e of events) stored.set(e.eventId, e);

    const touched = [...new Set(events.map((e) => e.customerId))];
    const rows: { customer_id: string; windows: FeatureWindowRecord[] | string }[] = await database.dataSource.query(
      `SELECT customer_id, windows FROM behaviour_profiles WHERE customer_id = ANY($1::text[])`,
      [touched],
    );
    expect(rows).toHaveLength(touched.length);
    for (const row of rows) {
      const all = [...stored.values()].filter((e) => e.customerId === row.customer_id);
      const expected = deriveFeatures({ asOf: clock.now(), activity: fromScratch(all, clock.now()), overdue: [], firstUsedAt: null, lastTransactionAt: null }).windows;
      const windows = typeof row.windows === 'string' ? JSON.parse(row.windows) : row.windows;
      expect({ batch, customer: row.customer_id, windows }).toEqual({ batch, customer: row.customer_id, windows: expected });
    }
  }
});
