import type { Database } from './data-source';
import { createLogger, type Logger } from './logger';
import { stopOnSignals, type SubgraphServer } from './server';

export interface ServiceConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir?: string;
  /** Seed the reproducible demo population when the database is empty (embedded default). */
  seedDemo: boolean;
  demoCustomers: number;
  demoSeed: string;
  /**
   * The demo population's "today" (YYYY-MM-DD, UTC): its histories end on this day. By default the
   * day the service starts, so a fresh demo is current rather than months idle.
   */
  demoAsOf: string;
  /** Shared with the gateway; the service refuses to start without it. */
  internalSecret: string;
}

/** DEMO_AS_OF, or today (UTC): launchers read it once and hand it to every service they start. */
export function demoAsOfFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.DEMO_AS_OF ?? new Date().toISOString().slice(0, 10);
}

/** A port variable, or the default; 0 asks for any free port (tests), while an empty or malformed value is a mistake, not 0. */
export function portFrom(env: NodeJS.ProcessEnv, variable: string, defaultPort: number): number {
  const raw = env[variable];
  if (raw === undefined) return defaultPort;
  if (!/^\d{1,5}$/.test(raw.trim()) || Number(raw) > 65535) throw new Error(`${variable} must be a TCP port from 0 to 65535 (0: any free port), got "${raw}"`);
  return Number(raw);
}

export function readServiceConfig(defaultPort: number, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const port = portFrom(env, 'PORT', defaultPort);
  const demoCustomers = Number(env.DEMO_CUSTOMERS ?? 1000);
  if (!Number.isInteger(demoCustomers) || demoCustomers < 0) throw new Error(`DEMO_CUSTOMERS must be a whole number`);
  const demoAsOf = demoAsOfFrom(env);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(demoAsOf) || Number.isNaN(Date.parse(`${demoAsOf}T00:00:00Z`))) throw new Error(`DEMO_AS_OF must be a date YYYY-MM-DD, got ${demoAsOf}`);
  const internalSecret = env.INTERNAL_AUTH_SECRET ?? '';
  if (internalSecret.length < 32) throw new Error('INTERNAL_AUTH_SECRET must be set to at least 32 characters (shared with the gateway)');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || undefined,
    seedDemo: env.SEED_DEMO === 'true',
    demoCustomers,
    demoSeed: env.DEMO_SEED ?? 'joint-credit-demo',
    demoAsOf,
    internalSecret,
  };
}

export interface RunServiceOptions {
  service: string;
  defaultPort: number;
  openDatabase(config: ServiceConfig): Promise<Database>;
  createServer(database: Database, logger: Logger, config: ServiceConfig): Promise<SubgraphServer>;
  seedDemo?(database: Database, config: ServiceConfig, logger: Logger): Promise<void>;
}

/** The whole life of one subgraph process: open and migrate, seed, listen, stop on a signal. */
export async function runService(options: RunServiceOptions): Promise<void> {
  const logger = createLogger(options.service);
  const config = readServiceConfig(options.defaultPort);
  const database = await options.openDatabase(config);
  if (config.seedDemo && options.seedDemo) await options.seedDemo(database, config, logger);
  const server = await options.createServer(database, logger, config);
  const url = await server.listen(config.port, config.host);
  logger.info({ url, embedded: database.embedded }, `${options.service} ready`);
  stopOnSignals(() => server.stop(), logger);
}
