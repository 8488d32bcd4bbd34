import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import type { Principal } from '@jc/auth';
import { enforceAccessRules } from './auth/access-rules';
import type { Database } from './data-source';
import { logMaskedErrors } from './error-logging';
import { createErrorFormatter, maskingOf } from './errors';
import { createGraphqlHandler, isGraphqlRequest } from './graphql-http';
import { createLogger, type Logger } from './logger';
import { createServiceMetrics, extractTraceContext } from './observability';

export interface BaseContext {
  requestId: string;
  logger: Logger;
  /** Verified from the gateway's signed identity; null only for in-process calls without one. */
  principal: Principal | null;
}

export interface ExecuteResult {
  data?: Record<string, any> | null;
  errors?: readonly GraphQLFormattedError[];
}

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  database: Database;
  /** Shared with the gateway; requests without its valid signature are refused. */
  internalSecret: string;
  /** Adds the app's per-request state (loaders, repositories) to the base context. */
  createContext: (base: BaseContext) => TContext | Promise<TContext>;
  logger?: Logger;
  /** Show stack traces and internal messages; development only. */
  exposeInternals?: boolean;
  introspection?: boolean;
  plugins?: ApolloServerPlugin<TContext>[];
}

export interface SubgraphServer {
  app: Express;
  apollo: ApolloServer<any>;
  logger: Logger;
  /** Runs one operation in process as `principal`, with the context an HTTP request would get (tests, jobs). */
  execute(request: { query: string; variables?: Record<string, unknown> }, principal: Principal | null): Promise<ExecuteResult>;
  /** Listens on the port (0 = any free one) and resolves with the GraphQL URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops taking requests, drains in-flight ones, then closes the database. */
  stop(): Promise<void>;
}

const isDevelopment = () => process.env.NODE_ENV === 'development';

export async function createSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer> {
  const logger = options.logger ?? createLogger(options.name);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer();
  const production = process.env.NODE_ENV === 'production';
  const exposeInternals = options.exposeInternals ?? isDevelopment();
  const metrics = createServiceMetrics(options.name);

  const schema = buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }]);
  enforceAccessRules(schema);
  const apollo = new ApolloServer<TContext>({
    schema,
    formatError: createErrorFormatter({ exposeInternals }),
    includeStacktraceInErrorResponses: exposeInternals,
    introspection: options.introspection ?? !production,
    hideSchemaDetailsFromClientErrors: production,
    logger,
    // Inline traces would hand timing internals to any caller; this platform measures with /metrics.
    // No schema sets cache hints, so cache control would only cost a hook on every field; answers
    // are sent with no-store instead.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      metrics.plugin,
      logMaskedErrors<TContext>((context) => context.logger, (error, original) => maskingOf(error.extensions.code, original)),
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();

  const contextFor = async (principal: Principal | null, requestId: string, traceId?: string) => {
    const requestLogger = logger.child({ requestId, ...(traceId ? { traceId } : {}) });
    try {
      return await options.createContext({ requestId, principal, logger: requestLogger });
    } catch (err) {
      // Apollo masks this failure before the request's error hooks run, so it is logged here
      requestLogger.error({ err }, 'request context could not be created');
      throw err;
    }
  };

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/ready', async (_req, res) => {
    const ready = await options.database.isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', service: options.name });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const graphql = createGraphqlHandler({
    apollo,
    internalSecret: options.internalSecret,
    logger,
    createContext: async ({ principal, requestId }, req, body) => {
      const context = await contextFor(principal, requestId, extractTraceContext(req.headers)?.traceId);
      context.logger.debug({ operation: (body as { operationName?: unknown } | undefined)?.operationName, role: principal.role }, 'graphql request');
      return context;
    },
  });
  // express serves only the open routes; /graphql skips it (see graphql-http.ts)
  httpServer.on('request', (req, res) => (isGraphqlRequest(req.url) ? void graphql(req, res) : app(req, res)));

  let stopped = false;
  return {
    app,
    apollo,
    logger,
    async execute(request, principal) {
      const contextValue = await contextFor(principal, randomUUID());
      const response = await apollo.executeOperation(request, { contextValue });
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not used here');
      return response.body.singleResult;
    },
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const { port: bound } = httpServer.address() as AddressInfo;
          resolve(`http://${host}:${bound}/graphql`);
        });
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await options.database.close();
    },
  };
}

/** Stops cleanly on Ctrl-C or a platform's SIGTERM; a second signal exits at once. */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
