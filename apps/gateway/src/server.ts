import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloGateway } from '@apollo/gateway';
import pino, { type Logger } from 'pino';
import type { Principal } from '@jc/auth';
import { createServiceMetrics } from '@jc/subgraph-kit/src/observability';
import { createTokenVerifier } from './auth/jwt';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { createGatewayErrorFormatter, gatewayErrorLogging } from './errors';
import { createSubgraphAgent, createSubgraphFetcher } from './fetcher';
import { metricsAccess } from './metrics-access';
import { queryLimitsPlugin } from './limits/query-limits-plugin';
import { MemoryRateLimitStore, type RateLimitStore } from './rate-limit/token-bucket';
import { RedisRateLimitStore } from './rate-limit/redis-store';
import { SignedDataSource } from './signed-data-source';
import { traceparentFor } from './tracing';

export interface GatewayServer {
  app: express.Express;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/** How long one round of /ready's subgraph checks answers for. */
const READY_CACHE_MS = 1_000;
const REQUEST_ID = /^[\w-]{8,64}$/;

function reject(res: Response, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, requestId: res.locals.requestId, ...extra } }] });
}

function subgraphHealthUrl(graphqlUrl: string): string {
  return graphqlUrl.replace(/\/graphql$/, '/ready');
}

export async function createGatewayServer(config: GatewayConfig, logger: Logger = pino({ name: 'gateway', level: process.env.LOG_LEVEL ?? 'info' })): Promise<GatewayServer> {
  const metrics = createServiceMetrics('gateway');
  const verifyToken = await createTokenVerifier(config.auth);
  const rateLimits: RateLimitStore = config.rateLimit.redisUrl
    ? new RedisRateLimitStore(config.rateLimit.redisUrl, config.rateLimit)
    : new MemoryRateLimitStore(config.rateLimit);
  const agents: ReturnType<typeof createSubgraphAgent>[] = [];
  const resolvedUrls: Record<string, string> = {};

  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    logger,
    buildService: ({ name, url }) => {
      const agent = createSubgraphAgent(config.maxSocketsPerSubgraph);
      agents.push(agent);
      resolvedUrls[name] = config.subgraphUrls[name] ?? url!;
      const timeoutMs = config.subgraphTimeoutMs[name] ?? config.subgraphTimeoutMs.default;
      const fetcher = createSubgraphFetcher({ timeoutMs, subgraph: name, registry: metrics.registry, agent });
      return new SignedDataSource({ url: resolvedUrls[name], fetcher }, config.internalSecret);
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: createGatewayErrorFormatter(false),
    logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      queryLimitsPlugin(config.queryLimits),
      metrics.plugin,
      gatewayErrorLogging(logger),
      {
        // Every error carries the request id, so a client can quote it and operators find the logs.
        async requestDidStart({ contextValue }) {
          return {
            async willSendResponse({ response }) {
              if (response.body.kind !== 'single') return;
              for (const error of response.body.singleResult.errors ?? []) {
                (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  const parseJson = express.json({ limit: config.bodyLimitBytes });
  const parseBulkJson = express.json({ limit: config.bulkBodyLimitBytes });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const given = req.header('x-request-id');
    res.locals.requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', res.locals.requestId);
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  // /ready is open to anyone: concurrent probes share one round of subgraph checks, and its
  // answer is reused for READY_CACHE_MS, so probing it cannot multiply load on the subgraphs.
  let readiness: { at: number; checks: Promise<(readonly [string, boolean])[]> } | null = null;
  const checkSubgraphs = () =>
    Promise.all(
      Object.entries(resolvedUrls).map(async ([name, url]) => {
        try {
          return [name, (await fetch(subgraphHealthUrl(url), { signal: AbortSignal.timeout(2000) })).ok] as const;
        } catch {
          return [name, false] as const;
        }
      }),
    );
  app.get('/ready', async (_req, res) => {
    if (!readiness || Date.now() - readiness.at > READY_CACHE_MS) readiness = { at: Date.now(), checks: checkSubgraphs() };
    const checks = await readiness.checks;
    const ready = checks.every(([, ok]) => ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'degraded', subgraphs: Object.fromEntries(checks) });
  });
  app.get('/metrics', async (req, res) => {
    const access = metricsAccess(config, req.header('authorization'));
    if (access === 'HIDDEN') return void res.status(404).json({ error: 'metrics are not served in production without METRICS_TOKEN' });
    if (access === 'UNAUTHORIZED') return void res.status(401).setHeader('www-authenticate', 'Bearer').json({ error: 'a bearer METRICS_TOKEN is required' });
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(
    '/graphql',
    async (req: Request, res: Response, next: NextFunction) => {
      const header = req.header('authorization') ?? '';
      // the scheme name is case-insensitive (RFC 7235)
      const token = /^bearer +([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(header)?.[1];
      if (!token) return reject(res, 401, 'UNAUTHENTICATED', 'A bearer token is required');
      try {
        res.locals.principal = await verifyToken(token);
        next();
      } catch (err) {
        logger.info({ requestId: res.locals.requestId, reason: (err as Error).message }, 'token refused');
        reject(res, 401, 'UNAUTHENTICATED', 'The bearer token is invalid or expired');
      }
    },
    async (_req: Request, res: Response, next: NextFunction) => {
      const principal = res.locals.principal as Principal;
      try {
        const decision = await rateLimits.take(`${principal.role}:${principal.subject}`, Date.now());
        res.setHeader('x-ratelimit-remaining', String(decision.remaining));
        if (decision.allowed) return next();
        res.setHeader('retry-after', String(Math.ceil(decision.retryAfterMs / 1000)));
        reject(res, 429, 'RATE_LIMITED', `Too many requests; retry in ${Math.ceil(decision.retryAfterMs / 1000)}s`);
      } catch (err) {
        // The limiter's store failing must not take the platform down with it.
        logger.error({ err, requestId: res.locals.requestId }, 'rate limiter unavailable; request let through');
        next();
      }
    },
    (req: Request, res: Response, next: NextFunction) => {
      // Internal flows send bulk batches (up to 10,000 events); clients get the tight limit.
      const role = (res.locals.principal as Principal).role;
      return (role === 'SERVICE' || role === 'ADMIN' ? parseBulkJson : parseJson)(req, res, next);
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const { traceparent } = traceparentFor(req.headers);
        return { principal: res.locals.principal as Principal, requestId: res.locals.requestId as string, traceparent };
      },
    }),
  );
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.too.large') return reject(res, 413, 'BAD_REQUEST', 'Request body is too large');
    if (err.status && err.status < 500) return reject(res, err.status, 'BAD_REQUEST', 'Malformed request');
    logger.error({ err, requestId: res.locals.requestId }, 'unhandled gateway error');
    reject(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  });

  return {
    app,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, rejectListen) => {
        httpServer.once('error', rejectListen);
        httpServer.listen(port, host, () => resolve(`http://${host}:${(httpServer.address() as AddressInfo).port}/graphql`));
      });
    },
    async stop() {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await Promise.all(agents.map((a) => a.close()));
      await rateLimits.close();
    },
  };
}
