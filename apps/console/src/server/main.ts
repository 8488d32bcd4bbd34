import { createConsoleServer } from './console-server';
import { gatewayDevTokenSigner } from './dev-token-route';
import { buildSpa, distDir, spaIsStale } from './spa-build';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 4100);
  const host = process.env.HOST ?? '127.0.0.1';
  const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
  const production = process.env.NODE_ENV === 'production';
  if (spaIsStale()) await buildSpa();
  const server = createConsoleServer({ distDir, gatewayUrl, devTokens: production ? null : await gatewayDevTokenSigner() });
  server.listen(port, host, () => {
    console.log(`console ready on http://${host}:${port}/  (GraphQL proxied to ${gatewayUrl}${production ? '' : '; development sign-in on'})`);
  });
  const stop = (signal: string) => {
    console.log(`console: ${signal}, stopping`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('console: failed to start', err);
  process.exit(1);
});
