import { join } from 'node:path';
import { DEFAULT_AS_OF } from '@jc/simulator';
import { newInternalSecret } from './auth';
import { freePort, makeTempDir, removeTempDir, REPO_ROOT, startNodeTs, waitForHttp, type ManagedProcess } from './processes';

/**
 * The platform as child processes for a benchmark: the three subgraphs on free loopback ports, each
 * with a PGlite data dir under one temp dir seeded with the demo population, and our gateway.
 */

export const SUBGRAPHS = ['credit-scoring', 'behaviour-analytics', 'limit-allocation'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export const SUPERGRAPH_PATH = join(REPO_ROOT, 'infra', 'supergraph', 'supergraph.graphql');

export interface RunningService {
  name: string;
  port: number;
  /** The GraphQL endpoint. */
  url: string;
  process: ManagedProcess;
}

export interface Subgraphs {
  secret: string;
  dataDir: string;
  services: Record<SubgraphName, RunningService>;
  stop(): Promise<void>;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

export interface SubgraphOptions {
  demoCustomers?: number;
  secret?: string;
  logLevel?: string;
  /** Settings on top of the embedded default's, e.g. DATABASE_URL and NATS_URL for the production-like stack. */
  env?: (name: SubgraphName) => Record<string, string>;
}

export async function startSubgraphs(options: SubgraphOptions = {}): Promise<Subgraphs> {
  const secret = options.secret ?? newInternalSecret();
  const dataDir = makeTempDir('jc-bench');
  const demoCustomers = options.demoCustomers ?? 1000;
  const started = Date.now();
  log(`starting the subgraphs (${options.env ? 'own settings' : `PGlite under ${dataDir}`}, seeding ${demoCustomers.toLocaleString('en')} demo customers) ...`);
  const services = {} as Record<SubgraphName, RunningService>;
  for (const name of SUBGRAPHS) {
    const port = await freePort();
    const proc = startNodeTs(name, join(REPO_ROOT, 'apps', name, 'src', 'main.ts'), {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      DATA_DIR: join(dataDir, name),
      SEED_DEMO: 'true',
      DEMO_CUSTOMERS: String(demoCustomers),
      // The same demo on every day, so runs stay comparable; its customers were last active then,
      // so new events move most of them materially (the heavier case for the event benchmarks).
      DEMO_AS_OF: DEFAULT_AS_OF,
      INTERNAL_AUTH_SECRET: secret,
      LOG_LEVEL: options.logLevel ?? 'warn',
      NODE_ENV: 'development',
      ...options.env?.(name),
    });
    services[name] = { name, port, url: `http://127.0.0.1:${port}/graphql`, process: proc };
  }
  const stop = async () => {
    await Promise.all(SUBGRAPHS.map((name) => services[name].process.stop()));
    removeTempDir(dataDir);
  };
  try {
    await Promise.all(SUBGRAPHS.map((name) => waitForHttp(`http://127.0.0.1:${services[name].port}/ready`, { process: services[name].process, timeoutMs: 180_000 })));
  } catch (err) {
    await stop();
    throw err;
  }
  log(`subgraphs ready in ${((Date.now() - started) / 1000).toFixed(1)}s: ${SUBGRAPHS.map((n) => `${n} :${services[n].port}`).join(', ')}`);
  return { secret, dataDir, services, stop };
}

export interface GatewayOptions {
  /** GATEWAY_WORKERS; 1 (default) is the single-process gateway. */
  workers?: number;
  env?: Record<string, string>;
}

/** Our gateway (apps/gateway) in front of `subgraphs`, with rate limits far above any benchmark load. */
export async function startGateway(subgraphs: Subgraphs, options: GatewayOptions = {}): Promise<RunningService & { workers: number }> {
  const port = await freePort();
  const workers = options.workers ?? 1;
  const started = Date.now();
  const proc = startNodeTs(workers > 1 ? `gateway x${workers}` : 'gateway', join(REPO_ROOT, 'apps', 'gateway', 'src', 'main.ts'), {
    PORT: String(port),
    HOST: '127.0.0.1',
    INTERNAL_AUTH_SECRET: subgraphs.secret,
    CREDIT_SCORING_URL: subgraphs.services['credit-scoring'].url,
    BEHAVIOUR_ANALYTICS_URL: subgraphs.services['behaviour-analytics'].url,
    LIMIT_ALLOCATION_URL: subgraphs.services['limit-allocation'].url,
    RATE_LIMIT_BURST: '100000000',
    RATE_LIMIT_PER_SECOND: '100000000',
    REDIS_URL: '',
    // info: the start-up lines say when each worker listens; nothing is logged per request.
    LOG_LEVEL: 'info',
    NODE_ENV: 'development',
    GATEWAY_WORKERS: workers > 1 ? String(workers) : '',
    ...options.env,
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/ready`, { process: proc, timeoutMs: 60_000 });
    // Connections are spread over the workers listening when they open: wait for all of them.
    if (workers > 1) await proc.waitForOutput(/gateway cluster ready/, 60_000);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  log(`gateway${workers > 1 ? ` (${workers} workers)` : ''} ready on :${port} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return { name: 'gateway', port, url: `http://127.0.0.1:${port}/graphql`, process: proc, workers };
}

/** GraphQL operations each subgraph has served so far (its graphql_requests_total on /metrics). */
export async function subgraphRequestCounts(subgraphs: Subgraphs): Promise<Record<SubgraphName, number>> {
  const counts = {} as Record<SubgraphName, number>;
  await Promise.all(SUBGRAPHS.map(async (name) => {
    const text = await fetch(`http://127.0.0.1:${subgraphs.services[name].port}/metrics`).then((r) => r.text());
    counts[name] = text
      .split('\n')
      .filter((line) => line.startsWith('graphql_requests_total'))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  }));
  return counts;
}
