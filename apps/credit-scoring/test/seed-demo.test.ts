import { fixedClock } from '@jc/domain';
import { createLogger, type Database } from '@jc/subgraph-kit';
import { openCreditScoringTestDatabase } from '../src';
import { seedDemoCustomers } from '../src/db/seed-demo';

let database: Database;
beforeAll(async () => {
  database = await openCreditScoringTestDatabase();
});
afterAll(async () => database?.close());

describe('demo seed', () => {
  it('gives every customer six statements and a champion score, once', async () => {
    const logger = createLogger('seed-test');
    await seedDemoCustomers(database, 'seed-test', 300, logger);
    await seedDemoCustomers(database, 'seed-test', 300, logger);
    const [row] = await database.dataSource.query(
      `SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM customer_statements)::int AS statements,
              (SELECT count(DISTINCT customer_id) FROM credit_scores WHERE NOT shadow)::int AS scored, (SELECT count(*) FROM credit_scores)::int AS scores`,
    );
    expect(row).toEqual({ customers: 300, statements: 1800, scored: 300, scores: 300 });
    const grades: Array<{ grade: string }> = await database.dataSource.query('SELECT DISTINCT grade FROM credit_scores ORDER BY grade');
    // The simulated population is mixed, so the demo should not land in one grade.
    expect(grades.length).toBeGreaterThanOrEqual(3);
  });

  it('ends the statements with the last whole month before a mid-month demo day', async () => {
    const other = await openCreditScoringTestDatabase();
    try {
      await seedDemoCustomers(other, 'seed-test', 20, createLogger('seed-test', 'silent'), '2026-11-30');
      const months: Array<{ month: string }> = await other.dataSource.query(`SELECT DISTINCT to_char(month, 'YYYY-MM-DD') AS month FROM customer_statements ORDER BY 1`);
      expect(months.map((m) => m.month)).toEqual(['2026-05-01', '2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01']);
    } finally {
      await other.close();
    }
  });

  it('stamps the scores and the champion with the clock it is given, not the system clock', async () => {
    const other = await openCreditScoringTestDatabase();
    const clock = fixedClock('2026-06-01T09:00:00Z');
    try {
      await seedDemoCustomers(other, 'seed-test', 20, createLogger('seed-test', 'silent'), '2026-06-01', clock);
      const scoredAt: Array<{ at: string; n: number }> = await other.dataSource.query(`SELECT to_json(scored_at)#>>'{}' AS at, count(*)::int AS n FROM credit_scores GROUP BY 1`);
      expect(scoredAt.map(({ at, n }) => ({ at: new Date(at).toISOString(), n }))).toEqual([{ at: '2026-06-01T09:00:00.000Z', n: 20 }]);
      const [champion] = await other.dataSource.query(`SELECT to_json(registered_at)#>>'{}' AS at FROM scoring_models WHERE status = 'CHAMPION'`);
      expect(new Date(champion.at).toISOString()).toBe('2026-06-01T09:00:00.000Z');
    } finally {
      await other.close();
    }
  });
});
