/**
 * `npm run bench`: runs every bench/*.bench.ts one after another, each as its own process
 * (`node --import tsx <file>`, cwd = the repo root), streaming its output, then prints a summary.
 * Each benchmark writes its own JSON to bench/results/.
 *
 *   npm run bench                              all of them
 *   npm run bench -- --only gateway-overhead   one (repeat --only for several; the .bench.ts suffix is optional)
 *   npm run bench -- --list                    their names
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const BENCH_DIR = __dirname;
const ROOT = join(BENCH_DIR, '..');
const RESULTS_DIR = join(BENCH_DIR, 'results');
const SUFFIX = '.bench.ts';

interface Outcome {
  name: string;
  ok: boolean;
  exit: string;
  seconds: number;
  results: string[];
  summary: string[];
}

function parseArgs(argv: string[]): { only: string[]; list: boolean } {
  const only: string[] = [];
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--only') {
      const value = argv[++i];
      if (!value) throw new Error('--only needs a benchmark name');
      only.push(value);
    } else if (arg.startsWith('--only=')) {
      only.push(arg.slice('--only='.length));
    } else if (arg === '--list') {
      list = true;
    } else {
      throw new Error(`unknown argument ${arg} (use --only <name> or --list)`);
    }
  }
  return { only, list };
}

const nameOf = (file: string) => file.slice(0, -SUFFIX.length);

/**
 * The results a benchmark wrote during its run: bench/results/<name>.json or <name>-*.json written
 * since `since` (other files may be someone else's run), and the `summary` lines they carry.
 */
function freshResults(name: string, since: number): { files: string[]; summary: string[] } {
  if (!existsSync(RESULTS_DIR)) return { files: [], summary: [] };
  const files = readdirSync(RESULTS_DIR)
    .filter((f) => f === `${name}.json` || (f.startsWith(`${name}-`) && f.endsWith('.json')))
    .map((f) => join(RESULTS_DIR, f))
    .filter((f) => statSync(f).mtimeMs >= since);
  const summary: string[] = [];
  for (const file of files) {
    try {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { summary?: unknown };
      if (Array.isArray(json.summary)) summary.push(...json.summary.filter((l): l is string => typeof l === 'string'));
    } catch {
      // not ours to judge
    }
  }
  return { files: files.map((f) => relative(ROOT, f)), summary };
}

let current: ChildProcess | undefined;
let interrupted = false;

function runOne(file: string): Promise<Outcome> {
  const name = nameOf(file);
  const started = Date.now();
  // mtime resolution: allow for a file system that keeps whole seconds only.
  const since = Math.floor(started / 1000) * 1000;
  process.stdout.write(`\n=== ${name} (${relative(ROOT, join(BENCH_DIR, file))}) ===\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, file)], { cwd: ROOT, stdio: 'inherit', env: process.env });
    current = child;
    const finish = (ok: boolean, exit: string) => {
      current = undefined;
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const { files, summary } = ok ? freshResults(name, since) : { files: [], summary: [] };
      process.stdout.write(`=== ${name}: ${ok ? 'done' : `FAILED (${exit})`} in ${seconds}s ===\n`);
      resolve({ name, ok, exit, seconds, results: files, summary });
    };
    child.once('error', (err) => finish(false, err.message));
    child.once('exit', (code, signal) => finish(code === 0, signal ? `signal ${signal}` : `exit code ${code}`));
  });
}

async function main(): Promise<void> {
  const { only, list } = parseArgs(process.argv.slice(2));
  const all = readdirSync(BENCH_DIR).filter((f) => f.endsWith(SUFFIX)).sort();
  if (list) {
    all.forEach((f) => process.stdout.write(`${nameOf(f)}\n`));
    return;
  }
  const wanted = only.map((o) => o.replace(/\.bench\.ts$/, '').replace(/^.*\//, ''));
  const unknown = wanted.filter((w) => !all.some((f) => nameOf(f) === w));
  if (unknown.length) throw new Error(`no benchmark named ${unknown.join(', ')}; there are: ${all.map(nameOf).join(', ')}`);
  const files = wanted.length ? all.filter((f) => wanted.includes(nameOf(f))) : all;
  if (files.length === 0) {
    process.stdout.write('no bench/*.bench.ts files\n');
    return;
  }

  // Ctrl-C reaches the running benchmark directly (same process group); it cleans up and exits,
  // then nothing further runs. A SIGTERM sent to this runner alone is passed on.
  process.on('SIGINT', () => {
    interrupted = true;
  });
  process.on('SIGTERM', () => {
    interrupted = true;
    current?.kill('SIGTERM');
  });

  const started = Date.now();
  process.stdout.write(`running ${files.length} benchmark${files.length === 1 ? '' : 's'}: ${files.map(nameOf).join(', ')}\n`);
  const outcomes: Outcome[] = [];
  for (const file of files) {
    if (interrupted) break;
    outcomes.push(await runOne(file));
  }

  const width = Math.max(...outcomes.map((o) => o.name.length), 9);
  process.stdout.write(`\n=== summary (${Math.round((Date.now() - started) / 1000)}s) ===\n`);
  for (const o of outcomes) {
    process.stdout.write(`${o.name.padEnd(width)}  ${o.ok ? 'ok    ' : 'FAILED'}  ${`${o.seconds}s`.padStart(7)}  ${o.ok ? o.results.join(', ') || `(no results/${o.name}.json written)` : o.exit}\n`);
    for (const line of o.summary) process.stdout.write(`${' '.repeat(width + 2)}- ${line}\n`);
  }
  const skipped = files.length - outcomes.length;
  if (skipped > 0) process.stdout.write(`${skipped} not run (interrupted)\n`);
  if (interrupted || outcomes.some((o) => !o.ok)) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
