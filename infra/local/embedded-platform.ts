import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { behaviourAnalyticsService } from '@jc/behaviour-analytics';
import { creditScoringService } from '@jc/credit-scoring';
import { InProcessBus, type EventfulServer, type EventfulService } from '@jc/events';
import { createGatewayServer, readGatewayConfig } from '@jc/gateway';
import { limitAllocationService } from '@jc/limit-allocation';
import { createLogger, demoAsOfFrom, readServiceConfig } from '@jc/subgraph-kit';
import { SUBGRAPH_APPS } from './launcher';
import { reportingLogger, type SeedObserver } from './seed-progress';

const SERVICES: Record<(typeof SUBGRAPH_APPS)[number]['name'], EventfulService> = {
  'credit-scoring': creditScoringService,
  'behaviour-analytics': behaviourAnalyticsService,
  'limit-allocation': limitAllocationService,
};

export interface EmbeddedPlatformOptions {
  /** Each service keeps its PGlite database in <dataRoot>/<service>. */
  dataRoot: string;
  seedDemo: boolean;
  internalSecret: string;
  gatewayPort: number;
  env?: NodeJS.ProcessEnv;
  /** Replaces some of the services (tests). */
  services?: Partial<typeof SERVICES>;
  /** Told of each demo seed that runs (only a first start, or one after an interrupted seed, seeds). */
  seedObserver?: SeedObserver;
}

export interface EmbeddedPlatform {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The embedded default: the three subgraphs and the gateway in this one process, each subgraph
 * on its own port and PGlite database, their events on one in-process bus. Subgraphs keep their
 * HTTP boundary, so the gateway talks to them exactly as it does in production.
 */
export async function startEmbeddedPlatform(options: EmbeddedPlatformOptions): Promise<EmbeddedPlatform> {
  const env = options.env ?? process.env;
  const bus = new InProcessBus();
  const servers: EventfulServer[] = [];
  const subgraphUrls: Record<string, string> = {};
  const stop = async () => {
    // Every relay first: a consumer stopped while others still publish would only refuse events.
    await Promise.all(servers.map((server) => server.events.stopRelay()));
    for (const server of servers.reverse()) await server.stop();
    await bus.close();
  };
  // one demo "today" for every service, even if the start crosses midnight UTC
  const demoAsOf = demoAsOfFrom(env);
  try {
    // Every service is built (and so its consumers declared to the bus) before any relay starts.
    // Settled, not raced: when one fails, the others finish (or fail) before the platform stops,
    // so no seed goes on writing into a database the stop has left open.
    const settled = await Promise.allSettled(
      SUBGRAPH_APPS.map(async (app) => {
        const service = options.services?.[app.name] ?? SERVICES[app.name];
        const config = readServiceConfig(app.port, {
          ...env,
          PORT: env[app.portVar] ?? String(app.port),
          DATABASE_URL: '',
          DATA_DIR: join(options.dataRoot, app.name),
          SEED_DEMO: String(options.seedDemo),
          DEMO_AS_OF: demoAsOf,
          INTERNAL_AUTH_SECRET: options.internalSecret,
        });
        const logger = createLogger(app.name, env.LOG_LEVEL ?? 'warn');
        const seeding = config.seedDemo && service.seedDemo ? beginSeed(options.dataRoot, app.name) : undefined;
        const observer = seeding ? options.seedObserver : undefined;
        observer?.begin(app.name);
        const database = await service.openDatabase(config);
        try {
          const seedLogger = observer ? reportingLogger(logger, (message, fields) => observer.report(app.name, message, fields)) : logger;
          if (config.seedDemo) await service.seedDemo?.(database, config, seedLogger);
          seeding?.done();
          observer?.end(app.name);
          const server = await service.createServer(database, logger, config, bus);
          servers.push(server);
          return { app, config, server };
        } catch (err) {
          await database.close().catch(() => undefined);
          throw err;
        }
      }),
    );
    const built = settled.map((result) => {
      if (result.status === 'rejected') throw result.reason;
      return result.value;
    });
    for (const { app, config, server } of built) {
      subgraphUrls[app.urlVar] = await server.listen(config.port, config.host);
      console.log(`  ${app.name.padEnd(20)} ready on ${subgraphUrls[app.urlVar]}`);
    }
    const gatewayConfig = readGatewayConfig({ ...env, ...subgraphUrls, PORT: String(options.gatewayPort), INTERNAL_AUTH_SECRET: options.internalSecret });
    const gateway = await createGatewayServer(gatewayConfig, createLogger('gateway', env.LOG_LEVEL ?? 'warn'));
    const gatewayUrl = await gateway.listen(gatewayConfig.port, gatewayConfig.host);
    return {
      gatewayUrl,
      subgraphUrls,
      async stop() {
        await gateway.stop();
        await stop();
      },
    };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

/**
 * A service's demo seed runs only into an empty database, and a seed cut short (Ctrl-C, a crash, a
 * full disk) would leave one that is neither empty nor complete: every later start would skip the
 * seed and serve the half. So a seed into a new data directory is marked as under way in
 * `<dataRoot>/<service>.seeding` until it completes; a start that finds the mark discards that
 * service's data (nothing but the unfinished seed, as no service listens before every seed is
 * done) and seeds it again. A directory without the mark, seeded or not, is left as it is.
 */
function beginSeed(dataRoot: string, service: string): { done(): void } | undefined {
  const dataDir = join(dataRoot, service);
  const mark = join(dataRoot, `${service}.seeding`);
  if (existsSync(mark)) {
    console.warn(`  ${service}: its first demo seed did not finish; discarding its partial data in ${dataDir} and seeding again`);
    rmSync(dataDir, { recursive: true, force: true });
  } else if (existsSync(dataDir)) {
    return undefined;
  } else {
    mkdirSync(dataRoot, { recursive: true });
    writeFileSync(mark, `seeding ${service} since ${new Date().toISOString()}\n`);
  }
  return { done: () => rmSync(mark, { force: true }) };
}
