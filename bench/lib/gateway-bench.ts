import { loadavg } from 'node:os';
import { fmt, type LoadResult } from './load';
import { stopAll } from './processes';

/** A whole-number setting from the environment (BENCH_DURATION_SEC and the like). */
export function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
}

/** Connection errors, non-2xx responses and GraphQL errors together. */
export const failures = (r: LoadResult): string => String(r.errors + r.non2xx + r.graphqlErrors);

/**
 * A result's throughput and latency cells each beside the anchor's: req/s, anchor req/s, anchor req/s
 * over req/s, p50, anchor p50, p99, anchor p99. The anchor's own row (anchor null) leaves its cells blank.
 */
export function besideAnchor(r: LoadResult, anchor: LoadResult | null): string[] {
  return [
    fmt.rps(r.requestsPerSec),
    anchor ? fmt.rps(anchor.requestsPerSec) : '',
    anchor ? `${(anchor.requestsPerSec / r.requestsPerSec).toFixed(2)}x` : '',
    fmt.ms(r.p50Ms),
    anchor ? fmt.ms(anchor.p50Ms) : '',
    fmt.ms(r.p99Ms),
    anchor ? fmt.ms(anchor.p99Ms) : '',
  ];
}

/** Lines prefixed with the benchmark's name, as bench/run.ts streams several benchmarks' output. */
export const benchLog = (name: string) => (line: string): void => {
  process.stdout.write(`[${name}] ${line}\n`);
};

export interface BenchRun {
  /** 1, 5 and 15 minute load averages when the benchmark started. */
  loadAverageAtStart: number[];
  totalSeconds(): number;
}

/**
 * Runs a benchmark that starts processes: `body` returns the results file it wrote. On failure
 * every started process is stopped and the process exits non-zero.
 */
export function runBench(name: string, body: (run: BenchRun) => Promise<string>): void {
  const started = Date.now();
  const log = benchLog(name);
  const run: BenchRun = {
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    totalSeconds: () => Math.round((Date.now() - started) / 1000),
  };
  body(run).then(
    (path) => log(`written ${path} (${run.totalSeconds()}s in all)`),
    async (err: unknown) => {
      process.stderr.write(`[${name}] failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      await stopAll();
      process.exit(1);
    },
  );
}
