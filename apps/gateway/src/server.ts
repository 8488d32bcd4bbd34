import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import pino from 'pino';
import type { GatewayConfig } from './config';
import { createSubgraphFetcher } from './fetcher';

export interface GatewayServer {
  app: express.Express;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function createGatewayServer(config: GatewayConfig, logger = pino({ name: 'gateway', level: process.env.LOG_LEVEL ?? 'info' })): Promise<GatewayServer> {
  const { fetcher, close: closeFetcher } = createSubgraphFetcher({ maxSockets: config.maxSocketsPerSubgraph, timeoutMs: config.subgraphTimeoutMs });
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    buildService: ({ name, url }) => new RemoteGraphQLDataSource({ url: config.subgraphUrls[name] ?? url, fetcher }),
    logger,
  });
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    gateway,
    introspection: !config.production,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/ready', (_req, res) => {
    res.json({ status: 'ready', service: 'gateway' });
  });
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo));

  return {
    app,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve(`http://${host}:${(httpServer.address() as AddressInfo).port}/graphql`));
      });
    },
    async stop() {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await closeFetcher();
    },
  };
}
