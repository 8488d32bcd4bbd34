import { fixedClock, type ScoreChangedV1 } from '@jc/domain';
import { Inbox } from '@jc/events';
import type { Database } from '@jc/subgraph-kit';
import { openLimitTestDatabase } from '../src';
import { CreditLineRepository } from '../src/db/credit-line-repository';
import { PortfolioRepository } from '../src/db/portfolio-repository';
import { onScoreChanged } from '../src/events/score-consumer';
import { DecisionService } from '../src/services/decision-service';
import { scoreChangedEvent } from './support/score-events';
import { customerIds } from './support/customer-ids';

/** score.changed in batches: one re-decision per line from its newest score, one budget for the batch. */
const clock = fixedClock('2026-11-30T08:00:00Z');
let database: Database;
let inbox: Inbox;
beforeAll(async () => {
  database = await openLimitTestDatabase();
  const decider = new DecisionService(database.dataSource, new CreditLineRepository(database.dataSource), clock);
  inbox = new Inbox({ dataSource: database.dataSource, consumer: 'limit-allocation.scores', clock, batchEffects: { 'score.changed': onScoreChanged(decider, clock) } });
});
afterAll(() => database?.close());

const customer = customerIds(0xe00000);
const minutesAgo = (n: number) => new Date(clock.now().getTime() - n * 60_000).toISOString();

const ACTIVE = { lifecycleStage: 'ACTIVE', onTimeRepaymentStreak: 8, behaviourValue: 2_000_000 } as const;
const scored = (customerId: string, scoredAt: string, patch: Partial<ScoreChangedV1> = {}, stage: 'NEW' | 'ACTIVE' = 'NEW') =>
  scoreChangedEvent(customerId, scoredAt, patch, stage === 'ACTIVE' ? ACTIVE : {}, clock.now());

const decisionsOf = async (id: string): Promise<Array<{ reason_codes: string[]; inputs: { snapshot: { score: number } }; after: { jointLimit: number } }>> =>
  database.dataSource.query(`SELECT reason_codes, inputs, after FROM limit_decisions WHERE customer_id = $1 ORDER BY id`, [id]);

it('re-decides a line once per batch from its newest score, skipping a late older one, and records every event', async () => {
  const [a, b] = [customer(), customer()];
  const batch = [
    scored(a, minutesAgo(3)),
    scored(b, minutesAgo(3)),
    scored(a, minutesAgo(1), { score: 700, grade: 'A', probabilityOfDefault: 0.01 }, 'ACTIVE'),
    scored(a, minutesAgo(2), { score: 420, grade: 'E', probabilityOfDefault: 0.3 }),
  ];
  expect(await inbox.handleBatch(batch)).toEqual([true, true, true, true]);
  const decided = await decisionsOf(a);
  expect(decided.map((d) => d.inputs.snapshot.score)).toEqual([700]);
  expect(await decisionsOf(b)).toHaveLength(1);
  const [row] = await database.dataSource.query(`SELECT count(*)::int AS n FROM event_inbox WHERE event_id = ANY($1::text[])`, [batch.map((e) => e.id)]);
  expect(row.n).toBe(4);

  expect(await inbox.handleBatch(batch)).toEqual([true, true, true, true]);
  expect(await decisionsOf(a)).toHaveLength(1);
});

it('counts each increase of a batch against the budget room of the next, as the database does', async () => {
  const portfolio = new PortfolioRepository(database.dataSource);
  const before = await portfolio.budget(clock.now());
  const [first, second] = [customer(), customer()];
  const opening = [scored(first, minutesAgo(1)), scored(second, minutesAgo(1))];
  // Room for the first line and a part of the second.
  const probe = customer();
  await inbox.handleBatch([scored(probe, minutesAgo(1))]);
  const oneLine = (await decisionsOf(probe))[0]!.after.jointLimit;
  const now = await portfolio.budget(clock.now());
  await portfolio.setBudget(now.granted + now.overlays + oneLine + Math.floor(oneLine / 2), 'test', clock.now());
  try {
    // In one transaction: the database refuses the whole batch if its running room was wrong.
    await database.dataSource.transaction((m) => onScoreChanged(new DecisionService(database.dataSource, new CreditLineRepository(database.dataSource), clock), clock)(opening, m));
    const [one] = await decisionsOf(first);
    const [two] = await decisionsOf(second);
    expect(one!.after.jointLimit).toBe(oneLine);
    expect(two!.after.jointLimit).toBe(Math.floor(oneLine / 2));
    expect(two!.reason_codes).toContain('PORTFOLIO_BUDGET_TRIMMED');
  } finally {
    await portfolio.setBudget(before.exposureBudget, 'test', clock.now());
  }
});
