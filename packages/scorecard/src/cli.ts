import { readFileSync } from 'node:fs';
import { statementSource } from './characteristics/statement-columns';
import { TAIWAN_STATEMENT_CHARACTERISTICS } from './characteristics/taiwan-statements';
import { CsvError } from './data/csv';
import { readTaiwanCsv, type LoadedDataFile } from './data/taiwan-csv';
import { evaluateScores } from './evaluation/evaluate';
import type { ModelMetrics } from './model/model-schema';
import { compileStatementScorecard, scoreRecords, STATEMENT_SCORECARD } from './model/score';
import { ModelMismatchError } from './model/compile';
import { loadModel, ModelValidationError } from './model/validate-model';
import { writeModelFile } from './model/write-model-file';
import { TrainingDataError } from './train/fit-scorecard';
import { trainScorecard } from './train/train-scorecard';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CliOptions {
  /** Print the stack of an unexpected failure after its one-line message. */
  withStack?: boolean;
}

const USAGE = [
  'usage:',
  '  scorecard train --data <csv> --out <model.json> [--seed N] [--skip-invalid] [--trained-at ISO-date]',
  '  scorecard evaluate --model <model.json> --data <csv> [--skip-invalid]',
].join('\n');

class UsageError extends Error {}
/** A data file that parses but holds nothing to work on. */
class DataError extends Error {}

const FLAGS = new Set(['--skip-invalid']);
const VALUED = new Set(['--data', '--out', '--seed', '--model', '--trained-at']);

function parseArgs(args: string[]): { command: string; options: Map<string, string | true> } {
  const [command, ...rest] = args;
  if (!command) throw new UsageError('missing command');
  const options = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (FLAGS.has(arg)) options.set(arg, true);
    else if (VALUED.has(arg)) {
      const value = rest[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      options.set(arg, value);
    } else throw new UsageError(`unknown option ${arg}`);
  }
  return { command, options };
}

function required(options: Map<string, string | true>, name: string): string {
  const value = options.get(name);
  if (typeof value !== 'string') throw new UsageError(`${name} is required`);
  return value;
}

/** A seed is written as a whole number in decimal: Number() would also take '', ' ', '0x10' and '1e3'. */
function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(seed)) {
    throw new UsageError(`--seed must be a whole number from ${-Number.MAX_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}, got ${JSON.stringify(text)}`);
  }
  return seed;
}

/** Groups: the calendar date, the time of day (hours, minutes, seconds) and its offset. */
const ISO_DATE = /^(\d{4}-\d{2}-\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * An ISO 8601 date or date-time (a date-time without an offset is UTC), returned as the ISO string
 * stored in the model. Date.parse alone takes 'hello 1' as 2001-01-01 and rolls 2025-02-30 over,
 * so the calendar date must come back unchanged.
 */
function parseIsoDate(text: string): string {
  const m = ISO_DATE.exec(text);
  const time = m ? Date.parse(m[2] !== undefined && m[5] === undefined ? `${text}Z` : text) : NaN;
  const sameDay = m !== null && Number.isFinite(Date.parse(m[1]!)) && new Date(Date.parse(m[1]!)).toISOString().startsWith(m[1]!);
  if (!sameDay || !Number.isFinite(time)) throw new UsageError(`--trained-at must be an ISO date such as 2025-06-30 or 2025-06-30T08:15:00Z, got ${JSON.stringify(text)}`);
  return new Date(time).toISOString();
}

const round = (x: number) => Number(x.toFixed(4));
const formatMetrics = (m: ModelMetrics) =>
  `n=${m.n} auc=${m.auc.toFixed(4)} ks=${m.ks.toFixed(4)} gini=${m.gini.toFixed(4)} brier=${m.brier.toFixed(4)} ece=${m.ece.toFixed(4)}`;

function load(path: string, skipInvalid: boolean, io: CliIo): LoadedDataFile {
  io.out(`reading ${path}`);
  const data = readTaiwanCsv(path, { skipInvalid });
  io.out(`read ${data.labels.length} rows${skipInvalid ? `, skipped ${data.skipped.length} invalid row(s)` : ''}`);
  for (const s of data.skipped.slice(0, 10)) io.err(`skipped: ${s.message}`);
  if (data.skipped.length > 10) io.err(`skipped: ... and ${data.skipped.length - 10} more`);
  if (data.labels.length === 0) {
    throw new DataError(`${path}: no rows to use (${data.skipped.length > 0 ? `all ${data.skipped.length} skipped as invalid` : 'the file has only a header'})`);
  }
  return data;
}

function train(options: Map<string, string | true>, io: CliIo): void {
  const dataPath = required(options, '--data');
  const outPath = required(options, '--out');
  const seedText = options.get('--seed');
  const seed = typeof seedText === 'string' ? parseSeed(seedText) : 1;
  const trainedAtText = options.get('--trained-at');
  const trainedAt = typeof trainedAtText === 'string' ? parseIsoDate(trainedAtText) : undefined;
  const data = load(dataPath, options.get('--skip-invalid') === true, io);
  const model = trainScorecard(TAIWAN_STATEMENT_CHARACTERISTICS, statementSource(data.columns), data.labels, {
    seed,
    dataFile: data.fileName,
    dataSha256: data.sha256,
    skippedRows: data.skipped.length,
    trainedAt,
    log: io.out,
  });
  writeModelFile(outPath, `${JSON.stringify(model, null, 2)}\n`);
  io.out(`model ${model.modelId} written to ${outPath}`);
  model.segments.forEach((s) => io.out(`segment "${s.name.en}": ${s.characteristics.map((c) => c.code).join(', ')}`));
  io.out(`training   ${formatMetrics(model.metrics.training)}`);
  io.out(`validation ${formatMetrics(model.metrics.validation)} (brier and ece in-sample: the calibration was fitted on these rows)`);
}

function evaluate(options: Map<string, string | true>, io: CliIo): void {
  const modelPath = required(options, '--model');
  const dataPath = required(options, '--data');
  io.out(`loading model ${modelPath}`);
  const model = loadModel(readFileSync(modelPath, 'utf8'), STATEMENT_SCORECARD);
  const compiled = compileStatementScorecard(model);
  const data = load(dataPath, options.get('--skip-invalid') === true, io);
  io.out(`scoring ${data.labels.length} customers`);
  const report = evaluateScores(model, scoreRecords(compiled, statementSource(data.columns), { withBins: true }), data.labels);
  io.out('score band        n   bad rate  mean PD');
  for (const row of report.calibrationTable) {
    io.out(`${row.band.padEnd(14)} ${String(row.n).padStart(5)}   ${row.eventRate.toFixed(4)}    ${row.meanPd.toFixed(4)}`);
  }
  const worst = [...report.characteristicPsi].sort((a, b) => b.psi - a.psi)[0];
  io.out(
    JSON.stringify({
      modelId: model.modelId,
      n: report.n,
      skipped: data.skipped.length,
      auc: round(report.auc),
      ks: round(report.ks),
      gini: round(report.gini),
      brier: round(report.brier),
      ece: round(report.ece),
      psi: round(report.psi),
      segmentPsi: round(report.segmentPsi),
      maxCharacteristicPsi: worst ? { segment: worst.segment, code: worst.code, psi: round(worst.psi) } : null,
    }),
  );
}

/** One line, whatever was thrown: a message over several lines would read as several errors. */
const oneLine = (error: unknown) => (error instanceof Error ? error.message || error.name : String(error)).replace(/\s*\n\s*/g, ' ').trim();

/**
 * Runs the CLI and returns the exit code: 0 done, 1 bad data or model (or any other failure while
 * running), 2 bad usage. Every failure is one `error: ` line; a stack only when asked for.
 */
export function runCli(args: string[], io: CliIo, { withStack = false }: CliOptions = {}): number {
  try {
    const { command, options } = parseArgs(args);
    if (command === 'train') train(options, io);
    else if (command === 'evaluate') evaluate(options, io);
    else throw new UsageError(`unknown command ${command}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}\n${USAGE}`);
      return 2;
    }
    const coded = [CsvError, DataError, ModelValidationError, ModelMismatchError, TrainingDataError];
    if (coded.some((kind) => error instanceof kind)) {
      io.err(`error: ${(error as Error).message}`);
      return 1;
    }
    // a file system error (EACCES, ENOSPC, ...) lands here too: its message names the file and the cause
    io.err(`error: ${oneLine(error)}`);
    if (withStack && error instanceof Error && error.stack) io.err(error.stack);
    return 1;
  }
}

/** DEBUG=1 (or any value but 0 or false) asks for the stack of an unexpected failure. */
export function wantsStack(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.DEBUG ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

if (require.main === module) {
  process.exitCode = runCli(
    process.argv.slice(2),
    {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    },
    { withStack: wantsStack() },
  );
}
