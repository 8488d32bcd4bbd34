/**
 * Batch scoring throughput of @jc/scorecard on 1,000,000 customers resampled from the Taiwan
 * data, beside an anchor measured in the same run: a plain loop that only sums the same raw
 * inputs (what any scorer must at least read). Run: npx tsx bench/scorecard-throughput.bench.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allocateStatementColumns,
  compileStatementScorecard,
  loadModel,
  MONTHS,
  readTaiwanCsv,
  scoreBatch,
  scoreCustomer,
  seededRandom,
  statementSource,
  TAIWAN_STATEMENT_CHARACTERISTICS,
  trainScorecard,
  type CustomerInput,
  type ScorecardModel,
  type StatementColumns,
} from '@jc/scorecard';
import { writeResults } from './lib/report';

const ROOT = join(__dirname, '..');
const DATA = join(ROOT, '../shared/data/credit-default/taiwan-2005-train.csv');
const MODEL = join(ROOT, 'apps/credit-scoring/models/default-model.json');
const CUSTOMERS = 1_000_000;
const RUNS = 5;

const log = (line: string) => process.stdout.write(`[throughput] ${line}\n`);

function resample(source: StatementColumns, n: number, seed: number): StatementColumns {
  const random = seededRandom(seed);
  const cols = allocateStatementColumns(n);
  for (let i = 0; i < n; i++) {
    const from = Math.floor(random() * source.n);
    cols.age[i] = source.age[from] as number;
    cols.education[i] = source.education[from] as number;
    for (let m = 0; m < MONTHS; m++) {
      cols.limit[i * MONTHS + m] = source.limit[from * MONTHS + m] as number;
      cols.balance[i * MONTHS + m] = source.balance[from * MONTHS + m] as number;
      cols.repaid[i * MONTHS + m] = source.repaid[from * MONTHS + m] as number;
      cols.status[i * MONTHS + m] = source.status[from * MONTHS + m] as number;
    }
  }
  return cols;
}

/** The anchor: touch every raw input once, nothing else. */
function sumInputs(cols: StatementColumns): number {
  let sum = 0;
  const k = cols.n * MONTHS;
  for (let j = 0; j < k; j++) sum += (cols.limit[j] as number) + (cols.balance[j] as number) + (cols.repaid[j] as number) + (cols.status[j] as number);
  for (let i = 0; i < cols.n; i++) sum += (cols.age[i] as number) + (cols.education[i] as number);
  return sum;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(label: string, runs: number, f: () => unknown): number {
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    f();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  log(`${label}: ${ms.map((m) => m.toFixed(1)).join(' / ')} ms`);
  return median(ms);
}

function main(): void {
  log(`reading ${DATA}`);
  const data = readTaiwanCsv(DATA);
  let model: ScorecardModel;
  if (existsSync(MODEL)) {
    log(`loading ${MODEL}`);
    model = loadModel(readFileSync(MODEL, 'utf8'));
  } else {
    log('no committed default model: training one in-process');
    model = trainScorecard(TAIWAN_STATEMENT_CHARACTERISTICS, statementSource(data.columns), data.labels, { seed: 1 });
  }
  const compiled = compileStatementScorecard(model);
  log(`resampling ${CUSTOMERS.toLocaleString('en')} customers`);
  const cols = resample(data.columns, CUSTOMERS, 7);

  log('warming up');
  sumInputs(cols);
  scoreBatch(compiled, cols);

  const anchorMs = time('anchor (sum raw inputs)', RUNS, () => sumInputs(cols));
  let checksum = 0;
  const batchMs = time('scoreBatch', RUNS, () => {
    const r = scoreBatch(compiled, cols);
    checksum = r.score.reduce((a, b) => a + b, 0);
  });

  const singles = 100_000;
  const inputs: CustomerInput[] = Array.from({ length: singles }, (_, i) => ({
    age: cols.age[i] as number,
    education: cols.education[i] as number,
    statements: Array.from({ length: MONTHS }, (_, m) => ({
      limit: cols.limit[i * MONTHS + m] as number,
      balance: cols.balance[i * MONTHS + m] as number,
      repaid: cols.repaid[i * MONTHS + m] as number,
      status: cols.status[i * MONTHS + m] as number,
    })),
  }));
  for (let i = 0; i < 10_000; i++) scoreCustomer(model, inputs[i] as CustomerInput);
  const singleMs = time(`scoreCustomer x ${singles.toLocaleString('en')} (with reasons)`, 3, () => {
    for (const input of inputs) scoreCustomer(model, input);
  });

  const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));
  const rate = (n: number, ms: number) => perSecond(n, ms).toLocaleString('en');
  const batchRate = perSecond(CUSTOMERS, batchMs);
  const summary = [
    `scoreBatch ${rate(CUSTOMERS, batchMs)} customers/s beside the anchor (sum of raw inputs) ${rate(CUSTOMERS, anchorMs)}/s: ${(batchMs / anchorMs).toFixed(1)}x its time`,
    `scoreCustomer (with reasons) ${rate(singles, singleMs)} customers/s`,
    `target >= 200,000 customers/s: ${batchRate >= 200_000 ? 'met' : 'NOT met'}`,
  ];
  log('');
  log('                          ms (median)   customers/s');
  log(`anchor: sum raw inputs   ${anchorMs.toFixed(1).padStart(10)}   ${rate(CUSTOMERS, anchorMs).padStart(12)}`);
  log(`scoreBatch               ${batchMs.toFixed(1).padStart(10)}   ${rate(CUSTOMERS, batchMs).padStart(12)}`);
  log(`scoreCustomer (objects)  ${singleMs.toFixed(1).padStart(10)}   ${rate(singles, singleMs).padStart(12)}`);
  summary.forEach((line) => log(line));
  const out = writeResults('scorecard-throughput', {
    summary,
    modelId: model.modelId,
    customers: CUSTOMERS,
    runs: RUNS,
    anchor: { name: 'sum of raw inputs', medianMs: anchorMs, customersPerSecond: perSecond(CUSTOMERS, anchorMs) },
    scoreBatch: { medianMs: batchMs, customersPerSecond: batchRate, checksum },
    scoreCustomer: { customers: singles, medianMs: singleMs, customersPerSecond: perSecond(singles, singleMs) },
    ratioToAnchor: batchMs / anchorMs,
    target: { customersPerSecond: 200_000, met: batchRate >= 200_000 },
  });
  log(`written ${out}`);
}

main();
