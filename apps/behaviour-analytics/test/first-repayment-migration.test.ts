import type { Database } from '@jc/subgraph-kit';
import { openBehaviourTestDatabase } from '../src/db/database';
import { FirstRepaymentBound1766016000000 } from '../src/db/migrations/1766016000000-first-repayment-bound';

let database: Database;
beforeAll(async () => {
  database = await openBehaviourTestDatabase();
});
afterAll(() => database.close());

it('moves a first repayment paid ahead of its due date back to its payment, and marks the profile written from it due', async () => {
  const migration = new FirstRepaymentBound1766016000000();
  // one runner for everything: the embedded database has a single connection
  const runner = database.dataSource.createQueryRunner();
  const q = (sql: string) => runner.query(sql);
  try {
    await migration.down(runner);
    // as the old ingestion left them: the bound at the due date, the profile first seen then
    await q(`INSERT INTO repayments (event_id, customer_id, product, amount, due_date, paid_at) VALUES
               ('e-1', 'c_00000000000000e5', 'PAY_LATER', 4000, '2026-07-20T00:00:00Z', '2026-06-28T09:00:00Z'),
               ('f-1', 'c_00000000000000f6', 'PAY_LATER', 4000, '2026-06-01T00:00:00Z', '2026-06-03T09:00:00Z'),
               ('f-2', 'c_00000000000000f6', 'PAY_LATER', 4000, '2026-07-01T00:00:00Z', NULL)`);
    await q(`INSERT INTO customer_event_bounds (customer_id, first_due) VALUES ('c_00000000000000e5', '2026-07-20T00:00:00Z'), ('c_00000000000000f6', '2026-06-01T00:00:00Z')`);
    await q(`INSERT INTO behaviour_profiles (customer_id, lifecycle_stage, as_of, first_seen_at, stage_due_at) VALUES
               ('c_00000000000000e5', 'NEW', '2026-06-30T12:00:00Z', '2026-07-20T00:00:00Z', '2026-10-18T00:00:00Z'),
               ('c_00000000000000f6', 'NEW', '2026-06-30T12:00:00Z', '2026-06-01T00:00:00Z', '2026-08-30T00:00:00Z')`);

    await migration.up(runner);

    const bounds = await q(`SELECT customer_id, first_repayment FROM customer_event_bounds ORDER BY customer_id`);
    expect(bounds.map((b: { customer_id: string; first_repayment: Date }) => [b.customer_id, new Date(b.first_repayment).toISOString()])).toEqual([
      ['c_00000000000000e5', '2026-06-28T09:00:00.000Z'],
      // paid after it was due: the due date stays the first evidence
      ['c_00000000000000f6', '2026-06-01T00:00:00.000Z'],
    ]);
    const due = await q(`SELECT customer_id, stage_due_at FROM behaviour_profiles ORDER BY customer_id`);
    expect(due.map((p: { customer_id: string; stage_due_at: Date }) => [p.customer_id, new Date(p.stage_due_at).toISOString()])).toEqual([
      ['c_00000000000000e5', '2026-06-30T12:00:00.000Z'],
      ['c_00000000000000f6', '2026-08-30T00:00:00.000Z'],
    ]);
  } finally {
    await runner.release();
  }
});
