import { createServer, type Server } from 'node:http';
import type { DevTokenSigner } from './dev-token-route';
import { devTokenRoute } from './dev-token-route';
import { proxyGraphql } from './graphql-proxy';
import { sendJson } from './http-util';
import { serveSpa } from './static-files';

export interface ConsoleServerOptions {
  distDir: string;
  gatewayUrl: string;
  /** Null in production: /dev-token answers 404 and the sign-in page asks for a bearer token. */
  devTokens: DevTokenSigner | null;
}

export function createConsoleServer(options: ConsoleServerOptions): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://console').pathname;
    const route = async () => {
      if (path === '/graphql') {
        if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' });
        return proxyGraphql(options.gatewayUrl, req, res);
      }
      if (path === '/dev-token') {
        if (!options.devTokens || (req.method !== 'GET' && req.method !== 'POST')) return sendJson(res, 404, { error: 'not found' });
        return devTokenRoute(options.devTokens, req, res);
      }
      if (path === '/health') return sendJson(res, 200, { status: 'ok' });
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
      return serveSpa(options.distDir, req, res);
    };
    route().catch((err: unknown) => {
      console.error('console: request failed', err);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
}
