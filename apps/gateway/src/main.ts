import pino from 'pino';
import { gatewayWorkers, runGatewayCluster } from './cluster';
import { readGatewayConfig } from './config';
import { createGatewayServer } from './server';

async function main(): Promise<void> {
  const logger = pino({ name: 'gateway', level: process.env.LOG_LEVEL ?? 'info' });
  const config = readGatewayConfig();
  const server = await createGatewayServer(config, logger);
  const url = await server.listen(config.port, config.host);
  logger.info({ url }, 'gateway ready');
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      server.stop().then(() => process.exit(0), () => process.exit(1));
    });
  }
}

// GATEWAY_WORKERS > 1: the same server in that many node:cluster workers on one port (./cluster).
const workers = gatewayWorkers();
if (workers > 1) runGatewayCluster({ workers });
else void main();
