import type { Database } from '@jc/subgraph-kit';
import { openLimitTestDatabase } from '../src';

/**
 * The database checks the portfolio budget once per statement: bulk statements as the allocation
 * writes them, and the single-row ones of decisions, overlays and draws.
 */
let database: Database;
const LINES = 200;
const JOINT = 1_000_000;

const sql = (text: string, params: unknown[] = []) => database.dataSource.query(text, params);
const granted = async () => Number((await sql(`SELECT granted FROM portfolio_budget`))[0].granted);
const jointTotal = async () => Number((await sql(`SELECT coalesce(sum(joint_limit), 0) AS n FROM credit_lines WHERE status <> 'CLOSED'`))[0].n);
const setBudget = (fen: number | null) => sql(`UPDATE portfolio_budget SET exposure_budget = $1`, [fen]);
const raiseAll = (fen: number) => sql(`UPDATE credit_lines SET joint_limit = joint_limit + $1, joint_ceiling = joint_ceiling + $1`, [fen]);

beforeAll(async () => {
  database = await openLimitTestDatabase();
  await sql(
    `INSERT INTO credit_lines (customer_id, status, joint_limit, cash_loan_limit, pay_later_limit, joint_ceiling, cash_loan_ceiling, pay_later_ceiling, opened_at, updated_at)
     SELECT 'c_b' || lpad(k::text, 15, '0'), 'ACTIVE', $1, $1, $1, $1, $1, $1, '2026-11-30T08:00:00Z', '2026-11-30T08:00:00Z' FROM generate_series(1, $2) AS k`,
    [JOINT, LINES],
  );
});
afterAll(() => database?.close());
afterEach(() => setBudget(null));

it('counts every line opened by one bulk insert', async () => {
  expect(await granted()).toBe(LINES * JOINT);
});

it('refuses a bulk increase that would pass the budget, whole: no line moves and granted stays', async () => {
  await setBudget(LINES * JOINT + LINES * 100 - 1);
  await expect(raiseAll(100)).rejects.toThrow(/portfolio_budget_exceeded/);
  expect(await granted()).toBe(LINES * JOINT);
  expect(await jointTotal()).toBe(LINES * JOINT);
});

it('accepts a bulk increase that fits exactly, and granted follows it', async () => {
  await setBudget(LINES * JOINT + LINES * 100);
  await raiseAll(100);
  expect(await granted()).toBe(LINES * (JOINT + 100));
  expect(await jointTotal()).toBe(LINES * (JOINT + 100));
  await raiseAll(-100);
  expect(await granted()).toBe(LINES * JOINT);
});

it('still checks a single-row increase against what the bulk statements left', async () => {
  await setBudget(LINES * JOINT);
  const one = `UPDATE credit_lines SET joint_limit = joint_limit + $1, joint_ceiling = joint_ceiling + $1 WHERE customer_id = 'c_b000000000000001'`;
  await expect(sql(one, [1])).rejects.toThrow(/portfolio_budget_exceeded/);
  await setBudget(LINES * JOINT + 1);
  await sql(one, [1]);
  expect(await granted()).toBe(LINES * JOINT + 1);
  await sql(one, [-1]);
});

it('lets decreases through over budget, but not a statement that also raises a line', async () => {
  await setBudget(LINES * JOINT - 1_000);
  const move = `UPDATE credit_lines SET joint_limit = joint_limit + CASE customer_id WHEN 'c_b000000000000001' THEN $1::bigint ELSE $2::bigint END,
                                       joint_ceiling = joint_ceiling + CASE customer_id WHEN 'c_b000000000000001' THEN $1::bigint ELSE $2::bigint END
                WHERE customer_id IN ('c_b000000000000001', 'c_b000000000000002')`;
  // a net decrease that still raises one line: refused while the book is over budget
  await expect(sql(move, [1, -500])).rejects.toThrow(/portfolio_budget_exceeded/);
  expect(await granted()).toBe(LINES * JOINT);
  await sql(move, [-100, -100]);
  expect(await granted()).toBe(LINES * JOINT - 200);
  await setBudget(null);
  await sql(move, [100, 100]);
  expect(await granted()).toBe(LINES * JOINT);
});

it('gives a closed line back and takes a reopened one again', async () => {
  const status = (s: string) => sql(`UPDATE credit_lines SET status = $1 WHERE customer_id <= 'c_b000000000000010'`, [s]);
  await status('CLOSED');
  expect(await granted()).toBe((LINES - 10) * JOINT);
  await setBudget((LINES - 1) * JOINT);
  await expect(status('ACTIVE')).rejects.toThrow(/portfolio_budget_exceeded/);
  await setBudget(null);
  await status('ACTIVE');
  expect(await granted()).toBe(LINES * JOINT);
});

it('leaves the budget row alone when a statement moves no limit, as draws do', async () => {
  const version = async () => (await sql(`SELECT xmin::text AS v FROM portfolio_budget`))[0].v as string;
  const before = await version();
  await sql(`UPDATE credit_lines SET pay_later_used = pay_later_used + 1 WHERE customer_id = 'c_b000000000000003'`);
  await sql(`UPDATE credit_lines SET pay_later_used = 0`);
  expect(await version()).toBe(before);
});
