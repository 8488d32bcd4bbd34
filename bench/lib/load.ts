import autocannon from 'autocannon';

/**
 * One closed-loop HTTP load run with autocannon: a fixed number of keep-alive connections, each
 * sending the next request as soon as the previous answer arrived. Latency percentiles are
 * computed from every 2xx response's own timing (sub-millisecond, unlike autocannon's integer
 * histogram); a 2xx whose body carries GraphQL `errors` (or no `data`) is counted separately, so a
 * fast failure never passes for throughput.
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
  /** Optional check of the first response's `data` (null when fine, else the problem). */
  check?: (data: unknown) => string | null;
}

export interface LoadOptions {
  connections?: number;
  durationSec?: number;
  warmupSec?: number;
  /** How often each connection's headers are refreshed from `target.headers()`; default 20 s. */
  refreshHeadersMs?: number;
  /** Called right before and right after the measured run (not around the warm-up or probes). */
  aroundMeasured?: { before(): Promise<void>; after(): Promise<void> };
}

export interface LoadResult {
  label: string;
  connections: number;
  durationSec: number;
  /** 2xx responses with `data` and no `errors`, per second. */
  requestsPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** Good responses (2xx, data, no errors). */
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

export function graphqlBody(target: GraphQLTarget): string {
  return JSON.stringify({ query: target.query, ...(target.variables ? { variables: target.variables } : {}) });
}

function allHeaders(target: GraphQLTarget): Record<string, string> {
  return { 'content-type': 'application/json', accept: 'application/json', ...target.headers() };
}

const goodBody = (body: string) => body.includes('"data"') && !body.includes('"errors"');

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

async function autocannonRun(target: GraphQLTarget, connections: number, durationSec: number, refreshMs: number): Promise<LoadResult> {
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
  const instance = autocannon({
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
  } as autocannon.Options, (err, result) => done(err, result));
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
  const sorted = Float64Array.from(latencies).sort();
  const ok = sorted.length;
  const elapsed = result.duration > 0 ? result.duration : durationSec;
  return {
    label: target.label,
    connections,
    durationSec: elapsed,
    requestsPerSec: ok / elapsed,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    meanMs: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : NaN,
    maxMs: sorted.length ? (sorted[sorted.length - 1] as number) : NaN,
    ok,
    responses: ok + graphqlErrors + result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors,
  };
}

export const fmt = {
  rps: (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '-'),
  ms: (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '-'),
};

/** Probe, warm up (results dropped), then measure. Prints progress. */
export async function measure(target: GraphQLTarget, options: LoadOptions = {}): Promise<LoadResult> {
  const connections = options.connections ?? 20;
  const durationSec = options.durationSec ?? 10;
  const warmupSec = options.warmupSec ?? 3;
  const refreshMs = options.refreshHeadersMs ?? 20_000;
  await probe(target);
  if (warmupSec > 0) {
    process.stdout.write(`  ${target.label}: warm-up ${warmupSec}s ... `);
    const warm = await autocannonRun(target, connections, warmupSec, refreshMs);
    process.stdout.write(`${fmt.rps(warm.requestsPerSec)} req/s\n`);
  }
  process.stdout.write(`  ${target.label}: measuring ${durationSec}s with ${connections} connections ... `);
  await options.aroundMeasured?.before();
  const result = await autocannonRun(target, connections, durationSec, refreshMs);
  await options.aroundMeasured?.after();
  const failures = result.errors + result.non2xx + result.graphqlErrors;
  process.stdout.write(`${fmt.rps(result.requestsPerSec)} req/s, p50 ${fmt.ms(result.p50Ms)} ms, p99 ${fmt.ms(result.p99Ms)} ms${failures ? `, FAILURES: ${result.errors} errors, ${result.non2xx} non-2xx, ${result.graphqlErrors} GraphQL errors` : ''}\n`);
  await probe(target);
  return result;
}
