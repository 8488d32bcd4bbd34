import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli';
import { loadModel } from '../src/model/validate-model';
import { syntheticRows, toTaiwanCsv } from './support/synthetic';

const dir = mkdtempSync(join(tmpdir(), 'scorecard-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const trainCsv = join(dir, 'train.csv');
const testCsv = join(dir, 'test.csv');
const modelPath = join(dir, 'models', 'model.json');
writeFileSync(trainCsv, toTaiwanCsv(syntheticRows(2500, 1)));
writeFileSync(testCsv, toTaiwanCsv(syntheticRows(800, 2)));

describe('scorecard CLI', () => {
  it('trains with progress lines and writes a valid model', () => {
    const { code, out, err } = run(['train', '--data', trainCsv, '--out', modelPath, '--seed', '4']);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.some((l) => l.startsWith('split by seed 4'))).toBe(true);
    expect(out.some((l) => l.startsWith('calibrating PD'))).toBe(true);
    // The stored validation Brier/ECE are in-sample for the calibration; an out-of-sample figure is reported beside them.
    expect(out.some((l) => /^held-out calibration \(.*\): brier=0\.\d{4} ece=0\.\d{4}$/.test(l))).toBe(true);
    expect(out[out.length - 1]).toContain('(brier and ece in-sample: the calibration was fitted on these rows)');
    expect(out[out.length - 1]).toMatch(/^validation n=\d+ auc=/);
    const model = loadModel(readFileSync(modelPath, 'utf8'));
    expect(model.provenance).toMatchObject({ dataFile: 'train.csv', seed: 4, rows: { total: 2500, skipped: 0, training: 2000, validation: 500 } });
    expect(model.provenance.dataSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('evaluates in a real process: the last line is one JSON object with the metrics', () => {
    const tsx = join(__dirname, '../../../node_modules/.bin/tsx');
    const result = spawnSync(tsx, [join(__dirname, '../src/cli.ts'), 'evaluate', '--model', modelPath, '--data', testCsv], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const summary = JSON.parse(lines[lines.length - 1] as string);
    for (const key of ['auc', 'ks', 'gini', 'brier', 'ece', 'n', 'psi']) expect(typeof summary[key]).toBe('number');
    expect(summary.n).toBe(800);
    expect(summary.auc).toBeGreaterThan(0.6);
  });

  it('fails on a malformed row, naming line and column, unless told to skip it', () => {
    const lines = readFileSync(testCsv, 'utf8').split('\n');
    lines[6] = (lines[6] as string).split(',').map((f, k) => (k === 13 ? '12x' : f)).join(',');
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, lines.join('\n'));

    const failed = run(['evaluate', '--model', modelPath, '--data', broken]);
    expect(failed.code).not.toBe(0);
    expect(failed.err.join('\n')).toContain('line 7, column X13: "12x" is not a number');

    const skipped = run(['evaluate', '--model', modelPath, '--data', broken, '--skip-invalid']);
    expect(skipped.code).toBe(0);
    expect(skipped.out).toContain('read 799 rows, skipped 1 invalid row(s)');
    expect(JSON.parse(skipped.out[skipped.out.length - 1] as string)).toMatchObject({ n: 799, skipped: 1 });
  });

  it('rejects a model that fails validation with the reason', () => {
    const model = JSON.parse(readFileSync(modelPath, 'utf8'));
    model.segments[0].characteristics[0].bins[0].share = -1;
    const badModel = join(dir, 'bad-model.json');
    writeFileSync(badModel, JSON.stringify(model));
    const { code, err } = run(['evaluate', '--model', badModel, '--data', testCsv]);
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('invalid scorecard model: segments[0].characteristics[0].bins[0].share: must be from 0 to 1, got -1');
  });

  it('rejects a model that cannot score statements with a coded error, not a stack trace', () => {
    const model = JSON.parse(readFileSync(modelPath, 'utf8'));
    model.segments[0].characteristics[0].code = 'NO_SUCH_CHAR';
    const mismatched = join(dir, 'mismatched-model.json');
    writeFileSync(mismatched, JSON.stringify(model));
    const { code, err } = run(['evaluate', '--model', mismatched, '--data', testCsv]);
    expect(code).toBe(1);
    expect(err).toEqual(['error: invalid scorecard model: segments[0].characteristics[0].code: characteristic NO_SUCH_CHAR is not defined in taiwan-statements-v1']);
  });

  it('reports a file with no usable rows as a data error, for training and evaluation', () => {
    const headerOnly = join(dir, 'header-only.csv');
    writeFileSync(headerOnly, `${readFileSync(testCsv, 'utf8').split('\n')[0]}\n`);
    const allBad = join(dir, 'all-bad.csv');
    writeFileSync(allBad, readFileSync(testCsv, 'utf8').replace(/^(\d+),\d+,/gm, '$1,1e999,'));
    for (const args of [
      ['train', '--data', headerOnly, '--out', join(dir, 'never.json')],
      ['train', '--data', allBad, '--out', join(dir, 'never.json'), '--skip-invalid'],
      ['evaluate', '--model', modelPath, '--data', allBad, '--skip-invalid'],
    ]) {
      const { code, err } = run(args);
      expect(code).toBe(1);
      expect(err.at(-1)).toMatch(/^error: .*: no rows to use \((the file has only a header|all 800 skipped as invalid)\)$/);
    }
  });

  it('reports data with a single outcome as a data error', () => {
    const noDefaults = join(dir, 'no-defaults.csv');
    writeFileSync(noDefaults, readFileSync(trainCsv, 'utf8').replace(/,1$/gm, ',0'));
    const { code, err } = run(['train', '--data', noDefaults, '--out', join(dir, 'never.json')]);
    expect(code).toBe(1);
    expect(err).toEqual(['error: the training rows need both defaults and non-defaults, got 2000 row(s) with 0 default(s) from 2500 usable row(s)']);
  });

  it('refuses a seed or a training date that is not written as one, before reading any data', () => {
    const out = join(dir, 'loose.json');
    for (const [flag, value] of [
      ['--seed', ''],
      ['--seed', ' '],
      ['--seed', '0x10'],
      ['--seed', '1e3'],
      ['--seed', '2.0'],
      ['--seed', '99999999999999999999'],
      ['--trained-at', 'hello 1'],
      ['--trained-at', '1'],
      ['--trained-at', 'March 7'],
      ['--trained-at', '2025-02-30'],
    ] as const) {
      const { code, err } = run(['train', '--data', trainCsv, '--out', out, flag, value]);
      expect({ flag, value, code }).toEqual({ flag, value, code: 2 });
      expect(err.join('\n')).toContain(`error: ${flag} must be`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('accepts an ISO date or date-time for --trained-at and stores it as given', () => {
    const out = join(dir, 'dated.json');
    expect(run(['train', '--data', trainCsv, '--out', out, '--seed', '-3', '--trained-at', '2025-06-30']).code).toBe(0);
    expect(loadModel(readFileSync(out, 'utf8')).provenance).toMatchObject({ seed: -3, trainedAt: '2025-06-30T00:00:00.000Z' });
    expect(run(['train', '--data', trainCsv, '--out', out, '--trained-at', '2025-06-30T08:15:00+08:00']).code).toBe(0);
    expect(loadModel(readFileSync(out, 'utf8')).provenance.trainedAt).toBe('2025-06-30T00:15:00.000Z');
  });

  it('explains bad usage', () => {
    expect(run(['train', '--data', trainCsv]).err.join('\n')).toContain('--out is required');
    expect(run(['fly']).code).toBe(2);
    expect(run(['evaluate', '--model', join(dir, 'missing.json'), '--data', testCsv]).code).toBe(1);
  });
});
