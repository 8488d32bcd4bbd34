import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CsvError, parseCsv } from './csv';
import { allocateStatementColumns, MONTHS, type StatementColumns } from '../characteristics/statement-columns';

/**
 * Columns read from the Taiwan file. X2 (sex) and X4 (marital status) are protected: they are
 * not listed here, so they are neither parsed nor required, and cannot reach a characteristic.
 */
const STATUS_COLUMNS = ['X6', 'X7', 'X8', 'X9', 'X10', 'X11'];
const BALANCE_COLUMNS = ['X12', 'X13', 'X14', 'X15', 'X16', 'X17'];
const REPAID_COLUMNS = ['X18', 'X19', 'X20', 'X21', 'X22', 'X23'];
export const TAIWAN_REQUIRED_COLUMNS = ['X1', 'X3', 'X5', ...STATUS_COLUMNS, ...BALANCE_COLUMNS, ...REPAID_COLUMNS, 'Y'];
export const TAIWAN_PROTECTED_COLUMNS = ['X2', 'X4'];

export interface SkippedRow {
  line: number;
  column?: string;
  message: string;
}

export interface LabelledStatements {
  columns: StatementColumns;
  /** 1 = defaulted next month. */
  labels: Uint8Array;
  /** File lines the rows came from, to report on them. */
  lines: Int32Array;
  skipped: SkippedRow[];
}

export interface LoadedDataFile extends LabelledStatements {
  fileName: string;
  sha256: string;
}

export interface CsvLoadOptions {
  /** Skip malformed rows (and report them) instead of failing on the first one. */
  skipInvalid?: boolean;
}

/**
 * Largest amount (limit, balance or repayment) accepted: a thousand times the largest in the
 * Taiwan data (about NT$ 1.7 million), so only a unit or entry error reaches it, and small
 * enough that sums and ratios over six months stay exact and finite.
 */
export const MAX_AMOUNT = 1e9;

type Rule = (v: number) => string | undefined;
const integerIn = (lo: number, hi: number): Rule => (v) =>
  Number.isInteger(v) && v >= lo && v <= hi ? undefined : `must be an integer from ${lo} to ${hi}`;
const amountIn = (lo: number, hi: number, text: string): Rule => (v) => (v >= lo && v <= hi ? undefined : text);

const RULES: Record<string, Rule> = {
  X1: (v) => (v > 0 && v <= MAX_AMOUNT ? undefined : `must be positive and at most ${MAX_AMOUNT}`),
  X3: integerIn(0, 9),
  X5: (v) => (v >= 18 && v <= 120 ? undefined : 'must be an age from 18 to 120'),
  Y: integerIn(0, 1),
};
STATUS_COLUMNS.forEach((c) => (RULES[c] = integerIn(-2, 9)));
BALANCE_COLUMNS.forEach((c) => (RULES[c] = amountIn(-MAX_AMOUNT, MAX_AMOUNT, `must be from ${-MAX_AMOUNT} to ${MAX_AMOUNT}`)));
REPAID_COLUMNS.forEach((c) => (RULES[c] = amountIn(0, MAX_AMOUNT, `must be from 0 to ${MAX_AMOUNT}`)));

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseTaiwanCsv(text: string, options: CsvLoadOptions = {}): LabelledStatements {
  const records = parseCsv(text);
  const header = records[0];
  if (!header) throw new CsvError('line 1: the file is empty (expected a header ID,X1..X23,Y)', 1);
  const names = header.fields.map((f) => f.trim());
  const index: Record<string, number> = {};
  for (const name of TAIWAN_REQUIRED_COLUMNS) {
    const at = names.indexOf(name);
    if (at < 0) throw new CsvError(`line 1, column ${name}: missing from the header`, 1, name);
    index[name] = at;
  }
  // The ID column is optional, but when present it names a customer, who must appear once: a
  // repeated row would land on both sides of the training/validation split and flatter the metrics.
  const idAt = names.indexOf('ID');
  const firstLineOfId = new Map<string, number>();

  const rows = records.length - 1;
  const cols = allocateStatementColumns(rows);
  const labels = new Uint8Array(rows);
  const lines = new Int32Array(rows);
  const skipped: SkippedRow[] = [];
  const values: Record<string, number> = {};
  let n = 0;

  for (let r = 1; r < records.length; r++) {
    const { line, fields } = records[r] as (typeof records)[number];
    let problem: SkippedRow | undefined;
    if (fields.length !== names.length) {
      const column = fields.length < names.length ? names[fields.length] : undefined;
      const where = column ? `, column ${column}` : '';
      problem = {
        line,
        column,
        message: `line ${line}${where}: expected ${names.length} fields, found ${fields.length}`,
      };
    } else {
      for (const name of TAIWAN_REQUIRED_COLUMNS) {
        const raw = (fields[index[name] as number] as string).trim();
        const value = Number(raw);
        // The pattern lets 1e999 through, which Number reads as Infinity.
        const complaint = !NUMBER_PATTERN.test(raw)
          ? `${JSON.stringify(raw)} is not a number`
          : !Number.isFinite(value)
            ? `${JSON.stringify(raw)} is out of range`
            : (RULES[name] as Rule)(value);
        if (complaint) {
          problem = { line, column: name, message: `line ${line}, column ${name}: ${complaint}` };
          break;
        }
        values[name] = value;
      }
      const id = idAt < 0 ? '' : (fields[idAt] as string).trim();
      const first = id === '' ? undefined : firstLineOfId.get(id);
      if (!problem && first !== undefined) {
        problem = { line, column: 'ID', message: `line ${line}, column ID: duplicate ID ${JSON.stringify(id)} (first on line ${first})` };
      }
      if (!problem && id !== '') firstLineOfId.set(id, line);
    }
    if (problem) {
      if (!options.skipInvalid) throw new CsvError(problem.message, problem.line, problem.column);
      skipped.push(problem);
      continue;
    }
    const base = n * MONTHS;
    for (let m = 0; m < MONTHS; m++) {
      // The file has one limit per customer; the platform's statements carry one per month.
      cols.limit[base + m] = values.X1 as number;
      cols.status[base + m] = values[STATUS_COLUMNS[m] as string] as number;
      cols.balance[base + m] = values[BALANCE_COLUMNS[m] as string] as number;
      cols.repaid[base + m] = values[REPAID_COLUMNS[m] as string] as number;
    }
    cols.age[n] = values.X5 as number;
    cols.education[n] = values.X3 as number;
    labels[n] = values.Y as number;
    lines[n] = line;
    n++;
  }
  return { columns: shrink(cols, n), labels: labels.slice(0, n), lines: lines.slice(0, n), skipped };
}

function shrink(cols: StatementColumns, n: number): StatementColumns {
  if (n === cols.n) return cols;
  return {
    n,
    limit: cols.limit.slice(0, n * MONTHS),
    balance: cols.balance.slice(0, n * MONTHS),
    repaid: cols.repaid.slice(0, n * MONTHS),
    status: cols.status.slice(0, n * MONTHS),
    age: cols.age.slice(0, n),
    education: cols.education.slice(0, n),
  };
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function readTaiwanCsv(path: string, options: CsvLoadOptions = {}): LoadedDataFile {
  const bytes = readFileSync(path);
  const parsed = parseTaiwanCsv(bytes.toString('utf8'), options);
  return { ...parsed, fileName: basename(path), sha256: sha256Hex(bytes) };
}
