import autocannon from 'autocannon';

/**
 * Closed-loop HTTP load with autocannon: a fixed number of keep-alive connections, each sending the
 * next request as soon as the previous answer arrived.
 *
 * - Latency percentiles come from every good response's own timing (sub-millisecond, unlike
 *   autocannon's integer-millisecond histogram).
 * - A 2xx whose body carries GraphQL `errors` (or no `data`) is counted as a failure, never as
 *   throughput.
 * - `compare` measures several targets in interleaved slices (A B C A B C ...), so a change in the
 *   machine's background load during the run hits every target alike.
 */

export interface GraphQLTarget {
  /** Shown in progress lines and tables. */
  label: string;
  /** The GraphQL endpoint. */
  url: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Request headers, asked again every `refreshHeadersMs` during a run (for short-lived signatures). */
  headers: () => Record<string, string>;
  /** Optional check of a probe response's `data` (null when fine, else the problem). */
  check?: (data: unknown) => string | null;
}

export interface LoadOptions {
  connections?: number;
  /** Measured seconds per target (split over the rounds). */
  durationSec?: number;
  /** Warm-up seconds per target before anything is measured; results dropped. */
  warmupSec?: number;
  /** Interleaved rounds the measured time is split into; default 1. */
  rounds?: number;
  /** How often each connection's headers are refreshed from `target.headers()`; default 20 s. */
  refreshHeadersMs?: number;
  /** Pause after each slice so abandoned requests drain before the next; default 500 ms. */
  settleMs?: number;
  /** Called right before and right after each measured slice (not around warm-ups or probes). */
  aroundSlice?: { before(target: GraphQLTarget): Promise<void>; after(target: GraphQLTarget): Promise<void> };
}

export interface LoadResult {
  label: string;
  connections: number;
  durationSec: number;
  /** Good responses (2xx with `data` and no `errors`) per second. */
  requestsPerSec: number;
  /** requests/s of each interleaved slice, to show the spread. */
  slicesRequestsPerSec: number[];
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** Good responses. */
  ok: number;
  /** Every response received. */
  responses: number;
  /** Connection errors (including timeouts). */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 2xx responses whose body had GraphQL errors or no data. */
  graphqlErrors: number;
}

interface Slice {
  latencies: number[];
  graphqlErrors: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSec: number;
}

export function graphqlBody(target: GraphQLTarget): string {
  return JSON.stringify({ query: target.query, ...(target.variables ? { variables: target.variables } : {}) });
}

function allHeaders(target: GraphQLTarget): Record<string, string> {
  return { 'content-type': 'application/json', accept: 'application/json', ...target.headers() };
}

const goodBody = (body: string) => body.includes('"data"') && !body.includes('"errors"');

export const fmt = {
  rps: (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '-'),
  ms: (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '-'),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request, checked: throws with the response when the target does not answer correctly. */
export async function probe(target: GraphQLTarget): Promise<unknown> {
  const res = await fetch(target.url, { method: 'POST', headers: allHeaders(target), body: graphqlBody(target), signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  let json: { data?: unknown; errors?: unknown } = {};
  try {
    json = JSON.parse(text);
  } catch {
    // reported below
  }
  if (!res.ok || json.errors || !json.data) throw new Error(`${target.label}: probe failed, HTTP ${res.status}: ${text.slice(0, 500)}`);
  const problem = target.check?.(json.data);
  if (problem) throw new Error(`${target.label}: unexpected data: ${problem}`);
  return json.data;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

async function autocannonRun(target: GraphQLTarget, connections: number, durationSec: number, refreshMs: number): Promise<Slice> {
  const latencies: number[] = [];
  const clients: autocannon.Client[] = [];
  let graphqlErrors = 0;
  // autocannon emits 'response' (status, timing) and then, in the same synchronous step, calls
  // verifyBody with that response's body: the pair classifies each response.
  let lastStatus = 0;
  let lastTime = 0;
  let done: (err: unknown, result: autocannon.Result) => void = () => {};
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    done = (err, result) => (err ? reject(err) : resolve(result));
  });
  const instance = autocannon(
    {
      url: target.url,
      method: 'POST',
      connections,
      pipelining: 1,
      duration: durationSec,
      timeout: 10,
      headers: allHeaders(target),
      body: graphqlBody(target),
      verifyBody: (body: string) => {
        if (lastStatus >= 200 && lastStatus < 300) {
          if (goodBody(body)) latencies.push(lastTime);
          else graphqlErrors++;
        }
        lastStatus = 0;
        return true;
      },
      setupClient: (client) => {
        clients.push(client);
      },
    } as autocannon.Options,
    (err, result) => done(err, result),
  );
  // Re-sign the headers on every connection well within the subgraphs' 60 s replay window.
  const refresh = setInterval(() => {
    const headers = allHeaders(target);
    for (const client of clients) client.setHeaders(headers);
  }, refreshMs);
  instance.on('response', (_client: autocannon.Client, statusCode: number, _bytes: number, responseTime: number) => {
    lastStatus = statusCode;
    lastTime = responseTime;
  });
  const result = await finished.finally(() => clearInterval(refresh));
  return {
    latencies,
    graphqlErrors,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSec: result.duration > 0 ? result.duration : durationSec,
  };
}

function summarise(label: string, connections: number, slices: Slice[]): LoadResult {
  const sorted = Float64Array.from(slices.flatMap((s) => s.latencies)).sort();
  const sum = (f: (s: Slice) => number) => slices.reduce((total, s) => total + f(s), 0);
  const durationSec = sum((s) => s.durationSec);
  const ok = sorted.length;
  const graphqlErrors = sum((s) => s.graphqlErrors);
  const non2xx = sum((s) => s.non2xx);
  return {
    label,
    connections,
    durationSec,
    requestsPerSec: durationSec > 0 ? ok / durationSec : 0,
    slicesRequestsPerSec: slices.map((s) => Math.round((s.latencies.length / s.durationSec) * 10) / 10),
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    meanMs: ok ? sorted.reduce((a, b) => a + b, 0) / ok : NaN,
    maxMs: ok ? (sorted[ok - 1] as number) : NaN,
    ok,
    responses: ok + graphqlErrors + non2xx,
    errors: sum((s) => s.errors),
    timeouts: sum((s) => s.timeouts),
    non2xx,
    graphqlErrors,
  };
}

function report(result: LoadResult): string {
  const failures = result.errors + result.non2xx + result.graphqlErrors;
  return `${fmt.rps(result.requestsPerSec)} req/s, p50 ${fmt.ms(result.p50Ms)} ms, p99 ${fmt.ms(result.p99Ms)} ms${
    failures ? `, FAILURES: ${result.errors} errors, ${result.non2xx} non-2xx, ${result.graphqlErrors} GraphQL errors` : ''
  }`;
}

/**
 * Load whose results are dropped: lets V8 optimise the hot paths of every process on the way (a
 * freshly started stack serves a fraction of its warm rate for the first thousand requests or so).
 */
export async function warmUp(target: GraphQLTarget, seconds: number, options: LoadOptions = {}): Promise<void> {
  if (seconds <= 0) return;
  const connections = options.connections ?? 20;
  process.stdout.write(`  warm-up ${seconds}s: ${target.label} ... `);
  const warm = summarise(target.label, connections, [await autocannonRun(target, connections, seconds, options.refreshHeadersMs ?? 20_000)]);
  process.stdout.write(`${fmt.rps(warm.requestsPerSec)} req/s${warm.ok < warm.responses ? ` (${warm.responses - warm.ok} failed)` : ''}\n`);
  await sleep(options.settleMs ?? 500);
}

/**
 * Probes every target, warms them up and then measures them, both in `rounds` interleaved slices
 * (each target gets warmupSec / rounds and durationSec / rounds per slice); probes again at the end.
 * Prints progress.
 */
export async function compare(targets: GraphQLTarget[], options: LoadOptions = {}): Promise<LoadResult[]> {
  const connections = options.connections ?? 20;
  const durationSec = options.durationSec ?? 10;
  const warmupSec = options.warmupSec ?? 3;
  const rounds = Math.max(1, options.rounds ?? 1);
  const refreshMs = options.refreshHeadersMs ?? 20_000;
  const settleMs = options.settleMs ?? 500;
  const sliceSec = Math.max(1, Math.round(durationSec / rounds));
  for (const target of targets) await probe(target);
  // Warm-ups interleave too: the stack as a whole warms up while they run, and no target should
  // get all of the cold start.
  const warmSliceSec = warmupSec > 0 ? Math.max(1, Math.round(warmupSec / rounds)) : 0;
  for (let round = 1; round <= rounds && warmSliceSec > 0; round++) {
    for (const target of targets) await warmUp(target, warmSliceSec, options);
  }
  const slices = targets.map(() => [] as Slice[]);
  for (let round = 1; round <= rounds; round++) {
    for (const [i, target] of targets.entries()) {
      process.stdout.write(`  ${rounds > 1 ? `round ${round}/${rounds}, ` : ''}${sliceSec}s x ${connections} connections: ${target.label} ... `);
      await options.aroundSlice?.before(target);
      const slice = await autocannonRun(target, connections, sliceSec, refreshMs);
      await sleep(settleMs);
      await options.aroundSlice?.after(target);
      slices[i]!.push(slice);
      process.stdout.write(`${report(summarise(target.label, connections, [slice]))}\n`);
    }
  }
  for (const target of targets) await probe(target);
  return targets.map((target, i) => summarise(target.label, connections, slices[i]!));
}

/** `compare` for one target. */
export async function measure(target: GraphQLTarget, options: LoadOptions = {}): Promise<LoadResult> {
  return (await compare([target], options))[0]!;
}
