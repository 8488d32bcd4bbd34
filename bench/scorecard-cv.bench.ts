/**
 * Cross-validated discrimination of the scorecard engine beside a plain baseline computed in
 * the same run (every characteristic cut at 10 quantiles, WOE, logistic regression, no shape
 * constraint, no selection, no segmentation), on the Taiwan statements and on the German
 * credit table. Repeated stratified 5-fold CV (3 fold assignments); each fold's training rows
 * are split again 80/20 into fitting and calibration rows exactly as `train` does.
 * Run: npx tsx bench/scorecard-cv.bench.ts
 */
import { join } from 'node:path';
import {
  arraySource,
  BASELINE_FIT,
  computeValues,
  crossValidate,
  DEFAULT_FIT,
  GERMAN_CREDIT_CHARACTERISTICS,
  readGermanCsv,
  readTaiwanCsv,
  statementSource,
  TAIWAN_RAW_CHARACTERISTICS,
  TAIWAN_STATEMENT_CHARACTERISTICS,
  type CharacteristicSet,
  type FitOptions,
  type ModelMetrics,
  type RecordSource,
} from '@jc/scorecard';
import { writeResults } from './lib/report';

const DATA_DIR = join(__dirname, '../../shared/data/credit-default');
const SEEDS = [1, 2, 3];
const FOLDS = 5;
const KEYS = ['auc', 'ks', 'gini', 'brier', 'ece'] as const;

const log = (line: string) => process.stdout.write(`[cv] ${line}\n`);

type Summary = Record<(typeof KEYS)[number], { mean: number; sd: number }> & { folds: number; seconds: number };

function summarise(folds: ModelMetrics[], seconds: number): Summary {
  const out = { folds: folds.length, seconds } as Summary;
  for (const key of KEYS) {
    const xs = folds.map((f) => f[key]);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    out[key] = { mean, sd };
  }
  return out;
}

function run<R>(label: string, set: CharacteristicSet<R>, source: RecordSource<R>, labels: Uint8Array, fit: FitOptions): Summary {
  const started = Date.now();
  const values = computeValues(set, source);
  const folds: ModelMetrics[] = [];
  for (const seed of SEEDS) {
    crossValidate(set, values, labels, {
      folds: FOLDS,
      seed,
      fit,
      onFold: (f, m) => {
        folds.push(m);
        log(`${label} seed ${seed} fold ${f + 1}/${FOLDS}: auc ${m.auc.toFixed(4)} ks ${m.ks.toFixed(4)} ece ${m.ece.toFixed(4)}`);
      },
    });
  }
  return summarise(folds, (Date.now() - started) / 1000);
}

const pm = (s: { mean: number; sd: number }) => `${s.mean.toFixed(4)} ± ${s.sd.toFixed(4)}`;

function main(): void {
  const results: Record<string, Record<string, Summary>> = { taiwan: {}, german: {} };

  log('reading taiwan-2005-train.csv');
  const taiwan = readTaiwanCsv(join(DATA_DIR, 'taiwan-2005-train.csv'));
  const statements = statementSource(taiwan.columns);
  const taiwanResults = results.taiwan as Record<string, Summary>;
  taiwanResults.engine = run('taiwan engine', TAIWAN_STATEMENT_CHARACTERISTICS, statements, taiwan.labels, DEFAULT_FIT);
  taiwanResults.baselineRawColumns = run('taiwan baseline (raw columns)', TAIWAN_RAW_CHARACTERISTICS, statements, taiwan.labels, BASELINE_FIT);
  taiwanResults.baselineEngineeredCharacteristics = run(
    'taiwan baseline (engineered characteristics)',
    TAIWAN_STATEMENT_CHARACTERISTICS,
    statements,
    taiwan.labels,
    BASELINE_FIT,
  );

  log('reading german-credit.csv');
  const german = readGermanCsv(join(DATA_DIR, 'german-credit.csv'));
  const records = arraySource(german.records);
  const germanResults = results.german as Record<string, Summary>;
  germanResults.engine = run('german engine', GERMAN_CREDIT_CHARACTERISTICS, records, german.labels, DEFAULT_FIT);
  germanResults.baseline = run('german baseline', GERMAN_CREDIT_CHARACTERISTICS, records, german.labels, BASELINE_FIT);

  const line = (label: string, s: Summary) => `${label}: AUC ${pm(s.auc)}, KS ${pm(s.ks)}, ECE ${pm(s.ece)}`;
  const summary = [
    line('taiwan engine', taiwanResults.engine as Summary),
    line('taiwan baseline (raw columns)', taiwanResults.baselineRawColumns as Summary),
    line('taiwan baseline (engineered characteristics)', taiwanResults.baselineEngineeredCharacteristics as Summary),
    line('german engine', germanResults.engine as Summary),
    line('german baseline', germanResults.baseline as Summary),
  ];
  log('');
  log(`${FOLDS}-fold CV x ${SEEDS.length} fold assignments (mean ± sd over ${FOLDS * SEEDS.length} folds)`);
  log('data     pipeline                               AUC                KS                 ECE');
  for (const [data, rows] of Object.entries(results)) {
    for (const [name, s] of Object.entries(rows)) {
      log(`${data.padEnd(8)} ${name.padEnd(38)} ${pm(s.auc)}  ${pm(s.ks)}  ${pm(s.ece)}`);
    }
  }
  const out = writeResults('scorecard-cv', { summary, folds: FOLDS, seeds: SEEDS, validationShareWithinFold: 0.2, results });
  log(`written ${out}`);
}

main();
