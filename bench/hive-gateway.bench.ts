/**
 * Our gateway against Hive Gateway on the same supergraph and the same running subgraphs, side by
 * side in one run, both on every core:
 *
 *   ours      apps/gateway (@apollo/gateway on @apollo/server 5) in GATEWAY_WORKERS=<cores> cluster
 *             workers; verifies the client's JWT and signs the identity headers for every subgraph call
 *   hive      `hive-gateway supergraph <copy> --fork <cores> --hive-router-runtime`: Hive Gateway with
 *             the Hive Router runtime (Rust query planner) when it loads; the client sends the signed
 *             identity headers and Hive propagates them to the subgraphs
 *   hive-js   the same Hive Gateway with its default JavaScript planner (BENCH_HIVE_JS=0 skips it)
 *
 * The query is the federated customer query (credit-scoring, then behaviour-analytics and
 * limit-allocation). Hive's inflight deduplication of identical subgraph requests is switched off:
 * every benchmark client sends the same query with the same identity, which real traffic (one
 * signed identity per request) never does, so leaving it on would measure a cache. Each run also
 * counts the subgraph operations it caused (the subgraphs' /metrics), to show both gateways did
 * the same work per request.
 *
 * Run: npm run bench -- --only hive-gateway   (or node --import tsx bench/hive-gateway.bench.ts)
 * Env: BENCH_DURATION_SEC (10), BENCH_WARMUP_SEC (3), BENCH_CONNECTIONS (20), BENCH_DEMO_CUSTOMERS (1000),
 *      BENCH_WORKERS (os.availableParallelism()), BENCH_HIVE_JS (1).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { analystToken, identityHeaders } from './lib/auth';
import { fmt, measure, probe, type GraphQLTarget, type LoadResult } from './lib/load';
import { freePort, makeTempDir, REPO_ROOT, startProcess, stopAll, waitForHttp, type ManagedProcess } from './lib/processes';
import { FEDERATED_QUERY, fullyFederated } from './lib/queries';
import { printTable, writeResults } from './lib/report';
import { startGateway, startSubgraphs, subgraphRequestCounts, SUBGRAPHS, SUPERGRAPH_PATH, type Subgraphs } from './lib/stack';

const NAME = 'hive-gateway';
const envInt = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};
const DURATION = envInt('BENCH_DURATION_SEC', 10);
const WARMUP = envInt('BENCH_WARMUP_SEC', 3);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 20);
const WORKERS = Math.max(1, envInt('BENCH_WORKERS', availableParallelism()));
const WITH_HIVE_JS = process.env.BENCH_HIVE_JS !== '0';
const HIVE_BIN = join(REPO_ROOT, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');

const log = (line: string) => process.stdout.write(`[${NAME}] ${line}\n`);

/** A copy of the committed supergraph whose routing URLs point at this run's subgraphs. */
function supergraphFor(subgraphs: Subgraphs): string {
  let sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  for (const name of SUBGRAPHS) {
    const pattern = new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`);
    if (!pattern.test(sdl)) throw new Error(`the supergraph has no @join__graph for ${name}`);
    sdl = sdl.replace(pattern, `$1${subgraphs.services[name].url}$2`);
  }
  return sdl;
}

const HIVE_CONFIG = `// Written by bench/hive-gateway.bench.ts for one run.
export const gatewayConfig = {
  // The subgraphs accept only the gateway's signed identity: the benchmark client sends it and Hive
  // passes it on to every subgraph call.
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      return {
        'x-jc-identity': request.headers.get('x-jc-identity'),
        'x-jc-signature': request.headers.get('x-jc-signature'),
      };
    },
  },
  // No collapsing of identical concurrent subgraph requests (see the benchmark's header comment).
  transportEntries: {
    '*': { options: { deduplicateInflightRequests: false } },
  },
};
`;

interface HiveRun {
  process: ManagedProcess;
  url: string;
  planner: string;
  routerRuntimeRequested: boolean;
  routerRuntimeLoaded: boolean;
}

async function startHive(dir: string, routerRuntime: boolean): Promise<HiveRun> {
  const port = await freePort();
  const started = Date.now();
  const args = [HIVE_BIN, 'supergraph', join(dir, 'supergraph.graphql'), '--host', '127.0.0.1', '--port', String(port), '--fork', String(WORKERS), '--config-path', join(dir, 'gateway.config.mjs')];
  if (routerRuntime) args.push('--hive-router-runtime');
  const proc = startProcess({
    name: routerRuntime ? 'hive (router runtime)' : 'hive (js planner)',
    command: process.execPath,
    args,
    cwd: dir,
    env: { NO_COLOR: '1', LOG_LEVEL: 'info', NODE_ENV: undefined, FORK: undefined, PORT: undefined, HOST: undefined, CONFIG_PATH: undefined },
    echoLines: 12,
  });
  try {
    // Every worker says where it listens; connections opened before that would all go to the first.
    await proc.waitForOutput(/Listening on/, 90_000, WORKERS);
    await waitForHttp(`http://127.0.0.1:${port}/readiness`, { process: proc, timeoutMs: 60_000 });
  } catch (err) {
    await proc.stop();
    throw err;
  }
  const output = proc.output();
  const loaded = routerRuntime && /Using Hive Router Runtime/.test(output) && !/Could not load the @graphql-hive\/router-runtime/.test(output);
  const planner = loaded ? 'Hive Router runtime: Rust query planner (@graphql-hive/router-query-planner native addon)' : 'Hive Gateway default runtime: JavaScript query planner (@graphql-tools/federation)';
  log(`Hive Gateway (${WORKERS} workers) ready on :${port} in ${((Date.now() - started) / 1000).toFixed(1)}s; planner: ${planner}`);
  return { process: proc, url: `http://127.0.0.1:${port}/graphql`, planner, routerRuntimeRequested: routerRuntime, routerRuntimeLoaded: loaded };
}

interface Measured {
  result: LoadResult;
  subgraphOperationsPerRequest: number;
}

async function measureWithSubgraphWork(target: GraphQLTarget, subgraphs: Subgraphs): Promise<Measured> {
  let before: Record<string, number> = {};
  let after: Record<string, number> = {};
  const result = await measure(target, {
    connections: CONNECTIONS,
    durationSec: DURATION,
    warmupSec: WARMUP,
    aroundMeasured: {
      before: async () => { before = await subgraphRequestCounts(subgraphs); },
      after: async () => { after = await subgraphRequestCounts(subgraphs); },
    },
  });
  const operations = SUBGRAPHS.reduce((sum, name) => sum + ((after[name] ?? 0) - (before[name] ?? 0)), 0);
  // The counts are read right after the run: a few requests still in flight may be missing.
  return { result, subgraphOperationsPerRequest: result.responses ? operations / result.responses : NaN };
}

async function main(): Promise<void> {
  const started = Date.now();
  log(`autocannon: ${CONNECTIONS} connections, ${WARMUP}s warm-up + ${DURATION}s per gateway; ${WORKERS} workers per gateway`);
  const subgraphs = await startSubgraphs({ demoCustomers: envInt('BENCH_DEMO_CUSTOMERS', 1000) });
  const ours = await startGateway(subgraphs, { workers: WORKERS });

  const dir = makeTempDir('jc-bench-hive');
  writeFileSync(join(dir, 'supergraph.graphql'), supergraphFor(subgraphs));
  writeFileSync(join(dir, 'gateway.config.mjs'), HIVE_CONFIG);

  const token = await analystToken();
  const oursTarget: GraphQLTarget = { label: `ours: apps/gateway, ${WORKERS} cluster workers`, url: ours.url, query: FEDERATED_QUERY, headers: () => ({ authorization: `Bearer ${token}` }), check: fullyFederated };
  const signed = identityHeaders(subgraphs.secret);

  log('measuring');
  const oursData = JSON.stringify(await probe(oursTarget));
  const oursRun = await measureWithSubgraphWork(oursTarget, subgraphs);
  await ours.process.stop();

  const hiveRuns: { hive: Omit<HiveRun, 'process'>; measured: Measured; sameData: boolean }[] = [];
  for (const routerRuntime of WITH_HIVE_JS ? [true, false] : [true]) {
    const hive = await startHive(dir, routerRuntime);
    const target: GraphQLTarget = { label: `Hive Gateway, ${routerRuntime && hive.routerRuntimeLoaded ? 'Rust planner' : 'JS planner'}, ${WORKERS} workers`, url: hive.url, query: FEDERATED_QUERY, headers: signed, check: fullyFederated };
    const sameData = JSON.stringify(await probe(target)) === oursData;
    if (!sameData) log('WARNING: Hive Gateway returned different data from ours for the same query');
    const measured = await measureWithSubgraphWork(target, subgraphs);
    await hive.process.stop();
    const { process: _process, ...info } = hive;
    hiveRuns.push({ hive: info, measured, sameData });
  }
  await stopAll();

  const anchor = oursRun.result;
  const failed = (r: LoadResult) => String(r.errors + r.non2xx + r.graphqlErrors);
  const rows = [
    [anchor.label, fmt.rps(anchor.requestsPerSec), '', '', fmt.ms(anchor.p50Ms), '', fmt.ms(anchor.p99Ms), '', oursRun.subgraphOperationsPerRequest.toFixed(2), failed(anchor)],
    ...hiveRuns.map(({ measured: { result: r, subgraphOperationsPerRequest } }) => [
      r.label,
      fmt.rps(r.requestsPerSec),
      fmt.rps(anchor.requestsPerSec),
      `${(anchor.requestsPerSec / r.requestsPerSec).toFixed(2)}x`,
      fmt.ms(r.p50Ms),
      fmt.ms(anchor.p50Ms),
      fmt.ms(r.p99Ms),
      fmt.ms(anchor.p99Ms),
      subgraphOperationsPerRequest.toFixed(2),
      failed(r),
    ]),
  ];
  printTable(
    `[${NAME}] federated customer query, ${CONNECTIONS} connections, ${DURATION}s each; latency in ms; anchor = ours; "ours/hive" = our req/s over theirs`,
    ['gateway', 'req/s', 'ours req/s', 'ours/hive', 'p50', 'ours p50', 'p99', 'ours p99', 'subgraph ops/req', 'failed'],
    rows,
  );
  const fastestHive = hiveRuns.reduce((best, run) => (run.measured.result.requestsPerSec > best.measured.result.requestsPerSec ? run : best));
  const ratio = anchor.requestsPerSec / fastestHive.measured.result.requestsPerSec;
  const summary = [
    `ours ${fmt.rps(anchor.requestsPerSec)} req/s (p50 ${fmt.ms(anchor.p50Ms)} ms, p99 ${fmt.ms(anchor.p99Ms)} ms) vs ${fastestHive.measured.result.label} ${fmt.rps(fastestHive.measured.result.requestsPerSec)} req/s (p50 ${fmt.ms(fastestHive.measured.result.p50Ms)} ms, p99 ${fmt.ms(fastestHive.measured.result.p99Ms)} ms): ours is ${ratio.toFixed(2)}x its throughput; target (>= the faster peer) ${ratio >= 1 ? 'met' : 'NOT met'}`,
    ...hiveRuns.map((run) => `Hive run: requested ${run.hive.routerRuntimeRequested ? 'the Hive Router runtime' : 'the default runtime'}; ran ${run.hive.planner}`),
    'ours verifies a JWT and HMAC-signs the identity per subgraph call; Hive receives pre-signed identity headers and only propagates them',
  ];
  process.stdout.write('\n');
  summary.forEach((line) => log(line));

  const path = writeResults(NAME, {
    settings: { connections: CONNECTIONS, durationSec: DURATION, warmupSec: WARMUP, workersPerGateway: WORKERS, demoCustomers: envInt('BENCH_DEMO_CUSTOMERS', 1000), query: FEDERATED_QUERY },
    fairness: {
      ours: 'client sends a JWT (HS256); the gateway verifies it, applies rate limits (set far above the load), query limits and metrics, and signs the identity headers for each subgraph call',
      hive: 'client sends the signed identity headers; Hive propagates them (propagateHeaders.fromClientToSubgraphs); inflight deduplication of identical subgraph requests switched off',
      sameSupergraph: 'infra/supergraph/supergraph.graphql with routing URLs pointed at this run\'s subgraphs',
    },
    ours: { ...oursRun.result, subgraphOperationsPerRequest: oursRun.subgraphOperationsPerRequest, gatewayWorkers: WORKERS },
    hive: hiveRuns.map((run) => ({ ...run.measured.result, subgraphOperationsPerRequest: run.measured.subgraphOperationsPerRequest, ...run.hive, sameDataAsOurs: run.sameData, workers: WORKERS })),
    oursOverFastestHive: ratio,
    targetMet: ratio >= 1,
    summary,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  });
  log(`written ${path} (${Math.round((Date.now() - started) / 1000)}s in all)`);
}

main().catch(async (err) => {
  process.stderr.write(`[${NAME}] failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  await stopAll();
  process.exit(1);
});
