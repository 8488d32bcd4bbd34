/**
 * Our gateway against Hive Gateway on the same supergraph and the same running subgraphs, side by
 * side in one run, both on every core:
 *
 *   ours      apps/gateway (@apollo/gateway on @apollo/server 5) in GATEWAY_WORKERS=<cores> cluster
 *             workers; verifies the client's JWT and signs the identity headers for every subgraph call
 *   hive      `hive-gateway supergraph <copy> --fork <cores> --hive-router-runtime`: Hive Gateway with
 *             the Hive Router runtime (Rust query planner) when it loads; the client sends the signed
 *             identity headers and Hive propagates them to the subgraphs
 *   hive-js   the same Hive Gateway with its default JavaScript planner (only with BENCH_HIVE_JS=1:
 *             the default run spends its time budget on warming up the two that matter)
 *
 * The query is the federated customer query (credit-scoring, then behaviour-analytics and
 * limit-allocation). Hive's inflight deduplication of identical subgraph requests is switched off:
 * every benchmark client sends the same query with the same identity, which real traffic (one
 * signed identity per request) never does, so leaving it on would measure a cache. Each run also
 * counts the subgraph operations it caused (the subgraphs' /metrics), to show both gateways did
 * the same work per request. All gateways run at once and are measured in interleaved slices
 * (BENCH_ROUNDS, default 2), so background load on the machine hits them alike. Each gateway is
 * warmed up first (a fresh process serves a fraction of its warm rate; the first warm-up also
 * warms the subgraphs).
 *
 * Run: npm run bench -- --only hive-gateway   (or node --import tsx bench/hive-gateway.bench.ts)
 * Env: BENCH_DURATION_SEC (10), BENCH_WARMUP_SEC (15 per gateway), BENCH_CONNECTIONS (20), BENCH_ROUNDS (2),
 *      BENCH_DEMO_CUSTOMERS (1000), BENCH_WORKERS (os.availableParallelism()), BENCH_HIVE_JS (0).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { analystToken, identityHeaders } from './lib/auth';
import { CpuAccount } from './lib/cpu';
import { benchLog, besideAnchor, envInt, failures, runBench, type BenchRun } from './lib/gateway-bench';
import { compare, fmt, probe, type GraphQLTarget, type LoadResult } from './lib/load';
import { freePort, makeTempDir, REPO_ROOT, startProcess, stopAll, waitForHttp, type ManagedProcess } from './lib/processes';
import { FEDERATED_QUERY, fullyFederated } from './lib/queries';
import { printTable, writeResults } from './lib/report';
import { startGateway, startSubgraphs, subgraphRequestCounts, SUBGRAPHS, SUPERGRAPH_PATH, type Subgraphs } from './lib/stack';

const NAME = 'hive-gateway';
const DURATION = envInt('BENCH_DURATION_SEC', 10);
const WARMUP = envInt('BENCH_WARMUP_SEC', 15);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 20);
const WORKERS = Math.max(1, envInt('BENCH_WORKERS', availableParallelism()));
const ROUNDS = Math.max(1, envInt('BENCH_ROUNDS', 2));
const WITH_HIVE_JS = process.env.BENCH_HIVE_JS === '1';
const HIVE_BIN = join(REPO_ROOT, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');

const log = benchLog(NAME);

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

async function main({ loadAverageAtStart, totalSeconds }: BenchRun): Promise<string> {
  log(`autocannon: ${CONNECTIONS} connections, ${WARMUP}s warm-up + ${DURATION}s per gateway in ${ROUNDS} interleaved rounds; ${WORKERS} workers per gateway`);
  const subgraphs = await startSubgraphs({ demoCustomers: envInt('BENCH_DEMO_CUSTOMERS', 1000) });

  const dir = makeTempDir('jc-bench-hive');
  writeFileSync(join(dir, 'supergraph.graphql'), supergraphFor(subgraphs));
  writeFileSync(join(dir, 'gateway.config.mjs'), HIVE_CONFIG);

  // All gateways run at once (the idle ones cost next to nothing), so the runs can interleave.
  const [ours, ...hives] = await Promise.all([
    startGateway(subgraphs, { workers: WORKERS }),
    ...(WITH_HIVE_JS ? [true, false] : [true]).map((routerRuntime) => startHive(dir, routerRuntime)),
  ]) as [Awaited<ReturnType<typeof startGateway>>, ...HiveRun[]];

  const token = await analystToken();
  const signed = identityHeaders(subgraphs.secret);
  const oursTarget: GraphQLTarget = { label: `ours: apps/gateway, ${WORKERS} cluster workers`, url: ours.url, query: FEDERATED_QUERY, headers: () => ({ authorization: `Bearer ${token}` }), check: fullyFederated };
  const hiveTargets: GraphQLTarget[] = hives.map((hive) => ({
    label: `Hive Gateway, ${hive.routerRuntimeLoaded ? 'Rust planner' : 'JS planner'}, ${WORKERS} workers`,
    url: hive.url,
    query: FEDERATED_QUERY,
    headers: signed,
    check: fullyFederated,
  }));

  // Same answers from every gateway before anything is timed.
  const oursData = JSON.stringify(await probe(oursTarget));
  const sameData = await Promise.all(hiveTargets.map(async (target) => JSON.stringify(await probe(target)) === oursData));
  sameData.forEach((same, i) => {
    if (!same) log(`WARNING: ${hiveTargets[i]!.label} returned different data from ours for the same query`);
  });

  // Subgraph operations each gateway caused while measured: 3 per federated request unless
  // something collapses or repeats subgraph calls.
  const operations = new Map<string, number>();
  let before: Record<string, number> = {};
  const total = (counts: Record<string, number>) => SUBGRAPHS.reduce((sum, name) => sum + (counts[name] ?? 0), 0);
  // CPU per request: each gateway's own process group (primary and workers), and the subgraphs.
  const groupOf = new Map<string, string>([[oursTarget.label, 'ours'], ...hiveTargets.map((t, i) => [t.label, `hive${i}`] as [string, string])]);
  const cpu = new CpuAccount({
    ours: [ours.process],
    ...Object.fromEntries(hives.map((hive, i) => [`hive${i}`, [hive.process]])),
    subgraphs: SUBGRAPHS.map((name) => subgraphs.services[name].process),
  });
  log(`measuring, interleaved in ${ROUNDS} rounds`);
  const results = await compare([oursTarget, ...hiveTargets], {
    connections: CONNECTIONS,
    durationSec: DURATION,
    warmupSec: WARMUP,
    rounds: ROUNDS,
    aroundSlice: {
      before: async () => {
        before = await subgraphRequestCounts(subgraphs);
        cpu.start();
      },
      after: async (target) => {
        cpu.stop(target.label);
        operations.set(target.label, (operations.get(target.label) ?? 0) + total(await subgraphRequestCounts(subgraphs)) - total(before));
      },
    },
  });
  await stopAll();

  // Requests abandoned when a slice ends (at most one per connection) still reach the subgraphs:
  // the true figure lies between the two bounds.
  const opsPerRequest = (r: LoadResult) => {
    const ops = operations.get(r.label) ?? 0;
    return { low: ops / (r.responses + CONNECTIONS * ROUNDS), high: ops / r.responses };
  };
  const cpuOf = (r: LoadResult) => ({
    gatewayMsPerRequest: cpu.perRequest(r.label, groupOf.get(r.label)!, r.responses),
    subgraphsMsPerRequest: cpu.perRequest(r.label, 'subgraphs', r.responses),
  });
  const [anchor, ...hiveResults] = results as [LoadResult, ...LoadResult[]];
  const opsCell = (r: LoadResult) => `${opsPerRequest(r).low.toFixed(2)}-${opsPerRequest(r).high.toFixed(2)}`;
  const rows = [
    [anchor.label, ...besideAnchor(anchor, null), fmt.ms(cpuOf(anchor).gatewayMsPerRequest), '', fmt.ms(cpuOf(anchor).subgraphsMsPerRequest), opsCell(anchor), failures(anchor)],
    ...hiveResults.map((r) => [
      r.label,
      ...besideAnchor(r, anchor),
      fmt.ms(cpuOf(r).gatewayMsPerRequest),
      fmt.ms(cpuOf(anchor).gatewayMsPerRequest),
      fmt.ms(cpuOf(r).subgraphsMsPerRequest),
      opsCell(r),
      failures(r),
    ]),
  ];
  printTable(
    `[${NAME}] federated customer query, ${CONNECTIONS} connections, ${DURATION}s each in ${ROUNDS} interleaved rounds; latency in ms; anchor = ours; "ours/hive" = our req/s over theirs; CPU = CPU ms per response spent by that gateway (all its processes) / by the 3 subgraphs`,
    ['gateway', 'req/s', 'ours req/s', 'ours/hive', 'p50', 'ours p50', 'p99', 'ours p99', 'gw CPU ms/req', 'ours CPU', 'subgraphs CPU ms/req', 'subgraph ops/req', 'failed'],
    rows,
  );
  const fastest = hiveResults.reduce((best, r) => (r.requestsPerSec > best.requestsPerSec ? r : best));
  const ratio = anchor.requestsPerSec / fastest.requestsPerSec;
  const cpuRatio = cpuOf(anchor).gatewayMsPerRequest / cpuOf(fastest).gatewayMsPerRequest;
  const summary = [
    `ours ${fmt.rps(anchor.requestsPerSec)} req/s (p50 ${fmt.ms(anchor.p50Ms)} ms, p99 ${fmt.ms(anchor.p99Ms)} ms) vs the faster Hive, ${fastest.label}, ${fmt.rps(fastest.requestsPerSec)} req/s (p50 ${fmt.ms(fastest.p50Ms)} ms, p99 ${fmt.ms(fastest.p99Ms)} ms): ours is ${ratio.toFixed(2)}x its throughput; target (>= the faster peer) ${ratio >= 1 ? 'met' : 'NOT met'}`,
    `gateway CPU per request: ours ${fmt.ms(cpuOf(anchor).gatewayMsPerRequest)} ms vs ${fmt.ms(cpuOf(fastest).gatewayMsPerRequest)} ms (${cpuRatio.toFixed(2)}x)`,
    ...hives.map((hive) => `Hive run with ${hive.routerRuntimeRequested ? '--hive-router-runtime' : 'defaults'}: ${hive.planner}`),
    'ours verifies a JWT and HMAC-signs the identity for each subgraph call; Hive gets the signed identity headers from the client and only propagates them',
  ];
  process.stdout.write('\n');
  summary.forEach((line) => log(line));

  return writeResults(NAME, {
    loadAverageAtStart,
    settings: { connections: CONNECTIONS, durationSec: DURATION, warmupSec: WARMUP, rounds: ROUNDS, workersPerGateway: WORKERS, demoCustomers: envInt('BENCH_DEMO_CUSTOMERS', 1000), query: FEDERATED_QUERY },
    fairness: {
      ours: 'client sends a JWT (HS256); the gateway verifies it, applies rate limits (set far above the load), query limits and metrics, and signs the identity headers for each subgraph call',
      hive: 'client sends the signed identity headers; Hive propagates them (propagateHeaders.fromClientToSubgraphs); inflight deduplication of identical subgraph requests switched off; otherwise Hive defaults',
      sameSupergraph: "infra/supergraph/supergraph.graphql with the routing URLs pointed at this run's subgraphs",
    },
    ours: { ...anchor, cpu: cpuOf(anchor), subgraphOperationsPerRequest: opsPerRequest(anchor), gatewayWorkers: WORKERS },
    hive: hiveResults.map((r, i) => {
      const { process: _process, ...hive } = hives[i]!;
      return { ...r, cpu: cpuOf(r), subgraphOperationsPerRequest: opsPerRequest(r), ...hive, sameDataAsOurs: sameData[i], workers: WORKERS };
    }),
    oursOverFastestHive: ratio,
    oursGatewayCpuOverFastestHive: cpuRatio,
    targetMet: ratio >= 1,
    summary,
    totalSeconds: totalSeconds(),
  });
}

runBench(NAME, main);
