import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CUSTOMER_ID_PATTERN } from '@jc/domain';
import { runCli } from '../src/run-cli';
import { CliUsageError, parseCliArgs } from '../src/cli-args';
import { simulatePortfolio } from '../src/portfolio';

function capture(): { io: { stdout: { write(t: string): boolean }; stderr: { write(t: string): boolean } }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t) => out.push(t) > 0 }, stderr: { write: (t) => err.push(t) > 0 } },
    out,
    err,
  };
}

const readLines = (file: string): Array<Record<string, unknown>> =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('parseCliArgs', () => {
  it('reads files mode with defaults', () => {
    expect(parseCliArgs(['--customers', '10', '--months=6'])).toEqual({
      customers: 10,
      months: 6,
      seed: '1',
      asOf: '2025-07-01',
      mode: { kind: 'files', outDir: 'simulated' },
    });
  });

  it('reads target mode', () => {
    expect(parseCliArgs(['--customers', '1', '--months', '1', '--target', 'http://x:4000/graphql', '--token', 't', '--batch', '50'])).toMatchObject({
      mode: { kind: 'graphql', url: 'http://x:4000/graphql', token: 't', batchSize: 50 },
    });
    expect(parseCliArgs(['--help'])).toBeNull();
  });

  it.each([
    [[], /--customers is required/],
    [['--customers', '5'], /--months is required/],
    [['--customers', '-5', '--months', '2'], /needs a value|whole number/],
    [['--customers', '5x', '--months', '2'], /--customers must be a whole number/],
    [['--customers', '0', '--months', '2'], /between 1 and/],
    [['--customers', '5', '--months', '121'], /--months must be between 1 and 120/],
    [['--customers', '5', '--months', '2', '--as-of', '2025-13-01'], /not a calendar day/],
    [['--customers', '5', '--months', '2', '--frobnicate', '1'], /unknown option --frobnicate/],
    [['--customers', '5', '--months', '2', 'extra'], /unexpected argument/],
    [['--customers', '5', '--months', '2', '--months', '3'], /more than once/],
    [['--customers', '5', '--months', '2', '--out', 'd', '--target', 'http://x'], /cannot be used together/],
    [['--customers', '5', '--months', '2', '--target', 'ftp://x'], /http or https/],
    [['--customers', '5', '--months', '2', '--target', 'not a url'], /not a URL/],
    [['--customers', '5', '--months', '2', '--token', 't'], /only applies with --target/],
    [['--customers', '5', '--months', '2', '--target', 'http://x', '--batch', '0'], /--batch must be between/],
    [['--customers', '5', '--months', '2', '--target', 'http://x', '--batch', '10001'], /--batch must be between 1 and 10000/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('runCli', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jc-simulate-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the three NDJSON files, reproducibly', async () => {
    const args = ['--customers', '25', '--months', '4', '--seed', 'cli', '--as-of', '2025-03-01'];
    const first = capture();
    expect(await runCli([...args, '--out', join(dir, 'a')], first.io)).toBe(0);
    expect(first.err.join('')).toMatch(/25\/25 customers \(100%\).*done/);
    expect(await runCli([...args, '--out', join(dir, 'b')], capture().io)).toBe(0);
    for (const name of ['customers.ndjson', 'transactions.ndjson', 'repayments.ndjson']) {
      expect(readFileSync(join(dir, 'a', name), 'utf8')).toBe(readFileSync(join(dir, 'b', name), 'utf8'));
    }

    const customers = readLines(join(dir, 'a', 'customers.ndjson'));
    const transactions = readLines(join(dir, 'a', 'transactions.ndjson'));
    const repayments = readLines(join(dir, 'a', 'repayments.ndjson'));
    expect(customers).toHaveLength(25);
    for (const c of customers) {
      expect(c.id).toMatch(CUSTOMER_ID_PATTERN);
      expect(Number.isSafeInteger(c.declaredAnnualIncome)).toBe(true);
      expect(c).toHaveProperty('outcome.maxDaysPastDue');
    }
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    expect(transactions.filter((t) => !Number.isSafeInteger(t.amount) || !iso.test(t.occurredAt as string))).toEqual([]);
    expect(repayments.filter((r) => !iso.test(r.dueDate as string) || !(r.paidAt === null || iso.test(r.paidAt as string)))).toEqual([]);

    // The files hold exactly what the API produces.
    const portfolio = simulatePortfolio({ seed: 'cli', customers: 25, months: 4, asOf: '2025-03-01' });
    expect(transactions).toEqual(JSON.parse(JSON.stringify(portfolio.transactions)));
    expect(repayments).toEqual(JSON.parse(JSON.stringify(portfolio.repayments)));
  });

  it('prints usage for --help and fails clearly on bad arguments', async () => {
    const help = capture();
    expect(await runCli(['--help'], help.io)).toBe(0);
    expect(help.out.join('')).toContain('--customers N');
    const bad = capture();
    expect(await runCli(['--customers', 'lots', '--months', '2'], bad.io)).toBe(2);
    expect(bad.err.join('')).toMatch(/--customers must be a whole number.*\n.*--help/);
    const outside = capture();
    expect(await runCli(['--customers', '1', '--months', '2', '--as-of', '2036-06-01', '--out', join(dir, 'c')], outside.io)).toBe(2);
    expect(outside.err.join('')).toMatch(/covers 2020–2035/);
  });

  it('exits non-zero as a real process on bad arguments', () => {
    const root = resolve(__dirname, '../../..');
    const result = spawnSync(join(root, 'node_modules/.bin/tsx'), [resolve(__dirname, '../src/cli.ts'), '--months', '3'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--customers is required');
  });
});
