import { MAX_EVENTS_PER_CALL } from '@jc/domain';
import { DEFAULT_AS_OF } from './customers';
import { MAX_MONTHS } from './activity';
import { toUtcDay } from './dates';

export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export const USAGE = `Usage: npm run simulate -- --customers N --months M [options]

Generates a deterministic synthetic portfolio: customers, transactions and repayments.

  --customers N      number of customers (required)
  --months M         months of history ending at --as-of, 1-${MAX_MONTHS} (required)
  --seed S           seed (any text; default 1); the same seed gives the same data
  --as-of YYYY-MM-DD the simulated "today" (default ${DEFAULT_AS_OF})
  --out DIR          write customers.ndjson, transactions.ndjson, repayments.ndjson to DIR
                     (default ./simulated)
  --target URL       instead send events to a GraphQL gateway (recordTransactions/recordRepayments)
  --token T          bearer token for --target
  --batch N          events per mutation for --target, 1 to 10000 (default 10000)
  --help             show this help
`;

export interface CliOptions {
  customers: number;
  months: number;
  seed: string;
  asOf: string;
  mode: { kind: 'files'; outDir: string } | { kind: 'graphql'; url: string; token?: string; batchSize: number };
}

const VALUE_FLAGS = new Set(['customers', 'months', 'seed', 'as-of', 'out', 'target', 'token', 'batch']);

function wholeNumber(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text)) throw new CliUsageError(`--${name} must be a whole number, got "${text}"`);
  const value = Number(text);
  if (value < min || value > max) throw new CliUsageError(`--${name} must be between ${min} and ${max}, got ${text}`);
  return value;
}

/** Parses `--flag value` and `--flag=value`; returns null when help was asked for. */
export function parseCliArgs(argv: readonly string[]): CliOptions | null {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return null;
    if (!arg.startsWith('--')) throw new CliUsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!VALUE_FLAGS.has(name)) throw new CliUsageError(`unknown option --${name}`);
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new CliUsageError(`--${name} needs a value`);
      i++;
    }
    if (values.has(name)) throw new CliUsageError(`--${name} given more than once`);
    values.set(name, value);
  }

  const customersText = values.get('customers');
  const monthsText = values.get('months');
  if (customersText === undefined) throw new CliUsageError('--customers is required');
  if (monthsText === undefined) throw new CliUsageError('--months is required');
  const customers = wholeNumber('customers', customersText, 1, 100_000_000);
  const months = wholeNumber('months', monthsText, 1, MAX_MONTHS);

  const seed = values.get('seed') ?? '1';
  if (seed.length === 0) throw new CliUsageError('--seed must not be empty');
  const asOf = values.get('as-of') ?? DEFAULT_AS_OF;
  try {
    toUtcDay(asOf, '--as-of');
  } catch (err) {
    throw new CliUsageError((err as Error).message);
  }

  const target = values.get('target');
  const out = values.get('out');
  if (target !== undefined) {
    if (out !== undefined) throw new CliUsageError('--out and --target cannot be used together');
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new CliUsageError(`--target "${target}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliUsageError('--target must be an http or https URL');
    const batchText = values.get('batch');
    const batchSize = batchText === undefined ? MAX_EVENTS_PER_CALL : wholeNumber('batch', batchText, 1, MAX_EVENTS_PER_CALL);
    const token = values.get('token');
    return { customers, months, seed, asOf, mode: { kind: 'graphql', url: target, batchSize, ...(token ? { token } : {}) } };
  }
  if (values.has('token')) throw new CliUsageError('--token only applies with --target');
  if (values.has('batch')) throw new CliUsageError('--batch only applies with --target');
  if (out === '') throw new CliUsageError('--out must not be empty');
  return { customers, months, seed, asOf, mode: { kind: 'files', outDir: out ?? 'simulated' } };
}
