import { fixedClock, yuan } from '@jc/domain';
import { DEFAULT_AS_OF, generatePopulation } from '@jc/simulator';
import { createLogger, type Database } from '@jc/subgraph-kit';
import { demoBalances, demoSnapshot, seedDemoLines } from '../src/db/seed-demo';
import { snapshotProblems } from '../src/model/policy';
import { useLimitSubgraph } from './support/subgraph';

let database: Database;
useLimitSubgraph(fixedClock('2026-11-30T08:00:00Z'), (s) => ({ database } = s));

it('gives every demo customer a valid snapshot, riskier customers lower scores', () => {
  const asOf = new Date(`${DEFAULT_AS_OF}T00:00:00Z`);
  const snapshots = generatePopulation({ seed: 'demo-test', customers: 200 }).map((c) => ({ c, s: demoSnapshot(c, asOf) }));
  for (const { s } of snapshots) expect(snapshotProblems(s, new Date('2026-11-30T08:00:00Z'))).toEqual([]);
  const byPd = [...snapshots].sort((a, b) => a.s.pd - b.s.pd);
  expect(byPd[0]!.s.score).toBeGreaterThan(byPd.at(-1)!.s.score);
  expect(new Set(snapshots.map(({ s }) => s.region)).size).toBeGreaterThan(5);
});

it('seeds lines with their snapshots, each in the tier its snapshot gives, and announces nothing', async () => {
  await seedDemoLines(database, 'demo-test', 50, createLogger('test', 'silent'));
  const [counts] = await database.dataSource.query(
    `SELECT (SELECT count(*)::int FROM credit_lines) AS lines, (SELECT count(*)::int FROM risk_snapshots) AS snapshots, (SELECT count(*)::int FROM event_outbox) AS outbox`,
  );
  expect(counts).toEqual({ lines: 50, snapshots: 50, outbox: 0 });

  // each line opens in the tier the default policy gives its snapshot
  const rows: { tier: string; stage: string; grade: string }[] = await database.dataSource.query(
    `SELECT l.tier, s.lifecycle_stage AS stage, s.grade FROM credit_lines l JOIN risk_snapshots s USING (customer_id)`,
  );
  for (const r of rows) {
    if (r.stage === 'HIGH_RISK' || r.grade === 'E') expect(r.tier).toBe('HIGH_RISK');
    else if (r.grade === 'D') expect(r.tier).toBe('MEDIUM_RISK');
    else expect(['STANDARD', 'HIGH_VALUE']).toContain(r.tier);
  }
  expect(new Set(rows.map((r) => r.tier)).size).toBeGreaterThanOrEqual(3);

  // the simulator's balances are on the lines, each backed by its ledger entries
  const lines: { used: string; ledger: string; cash: string; pay: string }[] = await database.dataSource.query(
    `SELECT l.cash_loan_used + l.pay_later_used AS used, l.cash_loan_used AS cash, l.pay_later_used AS pay,
            (SELECT coalesce(sum(e.used_delta), 0) FROM ledger_entries e WHERE e.customer_id = l.customer_id) AS ledger
       FROM credit_lines l`,
  );
  for (const l of lines) expect(Number(l.ledger)).toBe(Number(l.used));
  expect(lines.filter((l) => Number(l.pay) > yuan(10)).length).toBeGreaterThan(10);
  expect(lines.some((l) => Number(l.cash) > 0)).toBe(true);
});

it('keeps a demo balance inside the line, with room left', () => {
  const line = { jointLimit: yuan(10_000), cashLoanLimit: yuan(8_000), payLaterLimit: yuan(5_000) };
  expect(demoBalances(line, { CASH_LOAN: yuan(1_000), PAY_LATER: yuan(500) })).toEqual({ CASH_LOAN: yuan(1_000), PAY_LATER: yuan(500) });
  expect(demoBalances(line, { CASH_LOAN: yuan(9_000), PAY_LATER: yuan(6_000) })).toEqual({ CASH_LOAN: yuan(7_900), PAY_LATER: yuan(2_000) });
  expect(demoBalances({ ...line, cashLoanLimit: 0 }, { CASH_LOAN: yuan(300), PAY_LATER: 0 })).toEqual({ CASH_LOAN: 0, PAY_LATER: 0 });
});
