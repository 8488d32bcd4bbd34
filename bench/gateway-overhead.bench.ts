/**
 * What the gateway costs. In one run, on one stack (three subgraphs seeded with 1,000 demo customers,
 * our gateway as one process), with autocannon:
 *
 *   anchor     credit-scoring served directly: customers(first: 5) { id region }
 *   gateway-1  the same single-subgraph query through the gateway: pure gateway overhead
 *   gateway-3  the federated customer query (credit-scoring, then behaviour-analytics and
 *              limit-allocation in parallel) through the gateway
 *   direct-ba  behaviour-analytics' _entities for those 5 customers, served directly
 *   direct-la  limit-allocation's _entities for those 5 customers, served directly
 *
 * direct-ba and direct-la are the two fetches the gateway adds after the anchor's; together with the
 * anchor they are "the same data straight from the owning subgraphs".
 *
 * Run: npm run bench -- --only gateway-overhead   (or node --import tsx bench/gateway-overhead.bench.ts)
 * The first three are measured in interleaved slices (BENCH_ROUNDS, default 2), so background load
 * on the machine during the run hits them alike.
 *
 * A freshly started stack serves a fraction of its warm rate, so the whole stack is first warmed up
 * with the federated query through the gateway (BENCH_STACK_WARMUP_SEC), then each target briefly.
 *
 * Env: BENCH_DURATION_SEC (10), BENCH_STACK_WARMUP_SEC (12), BENCH_WARMUP_SEC (2 per target),
 *      BENCH_CONNECTIONS (20), BENCH_ROUNDS (2), BENCH_DEMO_CUSTOMERS (1000).
 */
import { analystToken, identityHeaders } from './lib/auth';
import { CpuAccount } from './lib/cpu';
import { benchLog, besideAnchor, envInt, failures, runBench, type BenchRun } from './lib/gateway-bench';
import { compare, fmt, probe, warmUp, type GraphQLTarget, type LoadResult } from './lib/load';
import { stopAll } from './lib/processes';
import { customerIds, FEDERATED_QUERY, fiveCustomers, fullyFederated, SINGLE_SUBGRAPH_QUERY } from './lib/queries';
import { printTable, writeResults } from './lib/report';
import { startGateway, startSubgraphs, SUBGRAPHS } from './lib/stack';

const NAME = 'gateway-overhead';
const DURATION = envInt('BENCH_DURATION_SEC', 10);
const STACK_WARMUP = envInt('BENCH_STACK_WARMUP_SEC', 12);
const WARMUP = envInt('BENCH_WARMUP_SEC', 2);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 20);
const ROUNDS = Math.max(1, envInt('BENCH_ROUNDS', 2));
// The two entity fetches are context, not the headline: shorter runs keep the total time down.
const SIDE_DURATION = Math.max(1, Math.round(DURATION / 2));
const SIDE_WARMUP = Math.max(1, Math.round(WARMUP / 2));

const BEHAVIOUR_ENTITIES = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Customer { behaviour { lifecycleStage } } } }';
const CREDIT_LINE_ENTITIES = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Customer { creditLine { jointLimit } } } }';

const log = benchLog(NAME);

async function main({ loadAverageAtStart, totalSeconds }: BenchRun): Promise<string> {
  log(`autocannon: ${CONNECTIONS} connections; ${STACK_WARMUP}s stack warm-up, then ${WARMUP}s warm-up + ${DURATION}s per target in ${ROUNDS} interleaved rounds (${SIDE_WARMUP}s + ${SIDE_DURATION}s for the two entity fetches)`);
  const subgraphs = await startSubgraphs({ demoCustomers: envInt('BENCH_DEMO_CUSTOMERS', 1000) });
  const gateway = await startGateway(subgraphs);
  const token = await analystToken();
  const viaGateway = { authorization: `Bearer ${token}` };
  const signed = identityHeaders(subgraphs.secret);
  // CPU per request of the gateway and of the three subgraphs, per target.
  const cpu = new CpuAccount({ gateway: [gateway.process], subgraphs: SUBGRAPHS.map((name) => subgraphs.services[name].process) });
  const aroundSlice = { before: async () => cpu.start(), after: async (target: GraphQLTarget) => cpu.stop(target.label) };
  const options = { connections: CONNECTIONS, durationSec: DURATION, warmupSec: WARMUP, rounds: ROUNDS, aroundSlice };

  const anchorTarget: GraphQLTarget = { label: 'anchor: credit-scoring direct, customers { id region }', url: subgraphs.services['credit-scoring'].url, query: SINGLE_SUBGRAPH_QUERY, headers: signed, check: fiveCustomers };
  const gatewaySingle: GraphQLTarget = { label: 'gateway, customers { id region } (1 subgraph)', url: gateway.url, query: SINGLE_SUBGRAPH_QUERY, headers: () => viaGateway, check: fiveCustomers };
  const gatewayFederated: GraphQLTarget = { label: 'gateway, federated customer query (3 subgraphs)', url: gateway.url, query: FEDERATED_QUERY, headers: () => viaGateway, check: fullyFederated };

  log('warming up the whole stack with the federated query');
  await probe(gatewayFederated);
  await warmUp(gatewayFederated, STACK_WARMUP, options);
  log(`measuring, interleaved in ${ROUNDS} rounds`);
  const [anchor, single, federated] = (await compare([anchorTarget, gatewaySingle, gatewayFederated], options)) as [LoadResult, LoadResult, LoadResult];

  // The representations the gateway sends for the anchor's five customers.
  const ids = customerIds(await probe(anchorTarget));
  const representations = ids.map((id) => ({ __typename: 'Customer', id }));
  const entitiesCheck = (data: unknown) => ((data as { _entities: unknown[] })._entities.length === 5 ? null : 'expected 5 entities');
  const sideOptions = { connections: CONNECTIONS, durationSec: SIDE_DURATION, warmupSec: SIDE_WARMUP, rounds: 1, aroundSlice };
  log('measuring the two entity fetches the federated plan adds');
  const [behaviour, creditLine] = (await compare([
    { label: 'behaviour-analytics direct, _entities x5 { behaviour }', url: subgraphs.services['behaviour-analytics'].url, query: BEHAVIOUR_ENTITIES, variables: { representations }, headers: signed, check: entitiesCheck },
    { label: 'limit-allocation direct, _entities x5 { creditLine }', url: subgraphs.services['limit-allocation'].url, query: CREDIT_LINE_ENTITIES, variables: { representations }, headers: signed, check: entitiesCheck },
  ], sideOptions)) as [LoadResult, LoadResult];

  await stopAll();

  // The federated plan is credit-scoring, then the other two in parallel: its direct latency floor
  // is the anchor's plus the slower of the two entity fetches (each measured alone, under load).
  const directPlanP50 = anchor.p50Ms + Math.max(behaviour.p50Ms, creditLine.p50Ms);
  const directPlanP99 = anchor.p99Ms + Math.max(behaviour.p99Ms, creditLine.p99Ms);
  const cpuOf = (r: LoadResult) => ({
    gatewayMsPerRequest: cpu.perRequest(r.label, 'gateway', r.responses),
    subgraphsMsPerRequest: cpu.perRequest(r.label, 'subgraphs', r.responses),
  });
  const withCpu = (r: LoadResult) => ({ ...r, cpu: cpuOf(r) });
  const ratios = {
    singleSubgraph: {
      throughputRatio: anchor.requestsPerSec / single.requestsPerSec,
      p50Ratio: single.p50Ms / anchor.p50Ms,
      p99Ratio: single.p99Ms / anchor.p99Ms,
      addedP50Ms: single.p50Ms - anchor.p50Ms,
      /** Gateway CPU per request over the anchor subgraph's CPU per request (CPU overhead). */
      gatewayCpuToSubgraphCpu: cpuOf(single).gatewayMsPerRequest / cpuOf(anchor).subgraphsMsPerRequest,
    },
    federated: {
      throughputRatio: anchor.requestsPerSec / federated.requestsPerSec,
      p50RatioToAnchor: federated.p50Ms / anchor.p50Ms,
      p50RatioToDirectPlan: federated.p50Ms / directPlanP50,
      addedP50MsOverDirectPlan: federated.p50Ms - directPlanP50,
    },
  };

  const row = (r: LoadResult, anchorRow: LoadResult | null): string[] => [
    r.label,
    ...besideAnchor(r, anchorRow),
    fmt.ms(cpuOf(r).gatewayMsPerRequest),
    fmt.ms(cpuOf(r).subgraphsMsPerRequest),
    failures(r),
  ];
  printTable(
    `[${NAME}] ${CONNECTIONS} connections, ${DURATION}s each; latency in ms; "slower" = anchor req/s / req/s; CPU = CPU ms spent per response by the gateway / by the 3 subgraphs`,
    ['target', 'req/s', 'anchor req/s', 'slower', 'p50', 'anchor p50', 'p99', 'anchor p99', 'gw CPU ms/req', 'subgraphs CPU ms/req', 'failed'],
    [row(anchor, null), row(single, anchor), row(federated, anchor), row(behaviour, anchor), row(creditLine, anchor)],
  );
  const summary = [
    `gateway overhead, same single-subgraph query: ${fmt.rps(single.requestsPerSec)} req/s vs ${fmt.rps(anchor.requestsPerSec)} direct (anchor serves ${ratios.singleSubgraph.throughputRatio.toFixed(2)}x as many); p50 ${fmt.ms(single.p50Ms)} vs ${fmt.ms(anchor.p50Ms)} ms (+${fmt.ms(ratios.singleSubgraph.addedP50Ms)} ms, ${ratios.singleSubgraph.p50Ratio.toFixed(2)}x); gateway CPU ${fmt.ms(cpuOf(single).gatewayMsPerRequest)} ms/req vs the subgraph's own ${fmt.ms(cpuOf(anchor).subgraphsMsPerRequest)} ms/req (${ratios.singleSubgraph.gatewayCpuToSubgraphCpu.toFixed(2)}x)`,
    `federated query: ${fmt.rps(federated.requestsPerSec)} req/s vs anchor ${fmt.rps(anchor.requestsPerSec)}; p50 ${fmt.ms(federated.p50Ms)} ms vs direct plan ${fmt.ms(directPlanP50)} ms (anchor ${fmt.ms(anchor.p50Ms)} + slower entity fetch ${fmt.ms(Math.max(behaviour.p50Ms, creditLine.p50Ms))}), ${ratios.federated.p50RatioToDirectPlan.toFixed(2)}x`,
  ];
  process.stdout.write('\n');
  summary.forEach((line) => log(line));

  return writeResults(NAME, {
    loadAverageAtStart,
    settings: { connections: CONNECTIONS, durationSec: DURATION, stackWarmupSec: STACK_WARMUP, warmupSec: WARMUP, rounds: ROUNDS, entityFetchDurationSec: SIDE_DURATION, demoCustomers: envInt('BENCH_DEMO_CUSTOMERS', 1000), gatewayProcesses: 1 },
    queries: { single: SINGLE_SUBGRAPH_QUERY, federated: FEDERATED_QUERY, behaviourEntities: BEHAVIOUR_ENTITIES, creditLineEntities: CREDIT_LINE_ENTITIES },
    anchor: withCpu(anchor),
    gatewaySingleSubgraph: withCpu(single),
    gatewayFederated: withCpu(federated),
    directBehaviourEntities: withCpu(behaviour),
    directCreditLineEntities: withCpu(creditLine),
    directPlan: { p50Ms: directPlanP50, p99Ms: directPlanP99, note: 'anchor + the slower of the two entity fetches, each measured alone' },
    ratios,
    summary,
    totalSeconds: totalSeconds(),
  });
}

runBench(NAME, main);
