import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import pino, { type Logger } from 'pino';
import { readGatewayConfig } from './config';
import { createGatewayServer } from './server';

/**
 * The gateway on every core: a node:cluster primary forks GATEWAY_WORKERS workers, each running the
 * whole gateway server on the same port (the primary hands each new connection to a worker, round
 * robin). A worker that dies unexpectedly is replaced; SIGINT/SIGTERM stop every worker gracefully.
 *
 * Per-worker state stays per worker: the in-memory rate limiter (set REDIS_URL for one shared
 * limit), metrics on /metrics, the supergraph and its query-plan cache.
 */

const SHUTDOWN = 'jc:gateway:shutdown';
const STOP_TIMEOUT_MS = 10_000;
/** More unexpected exits than this within CRASH_WINDOW_MS is a crash loop: the primary gives up. */
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 60_000;

/**
 * GATEWAY_WORKERS: unset or empty is 1 (a single process, no cluster); a positive whole number is
 * that many workers; `auto` is os.availableParallelism().
 */
export function gatewayWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GATEWAY_WORKERS?.trim();
  if (!raw) return 1;
  if (raw === 'auto') return availableParallelism();
  const workers = Number(raw);
  if (!Number.isInteger(workers) || workers < 1) throw new Error('GATEWAY_WORKERS must be a positive whole number or "auto"');
  return workers;
}

export interface ClusterOptions {
  /** Default os.availableParallelism(). */
  workers?: number;
  logger?: Logger;
}

/** Call from the entry point in every process: the primary supervises, a worker serves. */
export function runGatewayCluster(options: ClusterOptions = {}): void {
  const logger = options.logger ?? pino({ name: 'gateway', level: process.env.LOG_LEVEL ?? 'info' });
  if (cluster.isPrimary) runPrimary(options.workers ?? availableParallelism(), logger);
  else void runWorker(logger.child({ worker: cluster.worker?.id }));
}

function runPrimary(size: number, logger: Logger): void {
  const workers = new Set<Worker>();
  const crashes: number[] = [];
  let stopping = false;
  let exitCode = 0;
  let initialListening = 0;

  const fork = (replacing?: number) => {
    const worker = cluster.fork();
    workers.add(worker);
    worker.once('listening', () => {
      if (replacing !== undefined) {
        logger.warn({ worker: worker.id, replacing }, 'gateway worker replaced');
      } else if (++initialListening === size) {
        logger.info({ workers: size, pid: process.pid }, 'gateway cluster ready');
      }
    });
    worker.once('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) {
        if (workers.size === 0) process.exit(exitCode);
        return;
      }
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && (crashes[0] as number) < now - CRASH_WINDOW_MS) crashes.shift();
      if (crashes.length > MAX_CRASHES) {
        logger.error({ worker: worker.id, code, signal, crashes: crashes.length }, 'gateway workers keep dying; stopping the cluster');
        stop(1);
        return;
      }
      logger.error({ worker: worker.id, code, signal }, 'gateway worker died unexpectedly; starting a replacement');
      // Back off a little once a crash repeats, so a broken worker does not spin.
      setTimeout(() => {
        if (!stopping) fork(worker.id);
      }, crashes.length > 1 ? 1000 : 0);
    });
  };

  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    if (workers.size === 0) process.exit(code);
    for (const worker of workers) {
      try {
        if (worker.isConnected()) worker.send(SHUTDOWN);
        else worker.process.kill('SIGTERM');
      } catch {
        worker.process.kill('SIGTERM');
      }
    }
    // Workers that have not stopped by then are killed.
    setTimeout(() => {
      for (const worker of workers) worker.process.kill('SIGKILL');
      process.exit(code || 1);
    }, STOP_TIMEOUT_MS).unref();
  };

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) {
        // A second signal: do not wait any longer.
        for (const worker of workers) worker.process.kill('SIGKILL');
        process.exit(1);
      }
      logger.info({ signal }, 'stopping the gateway cluster');
      stop(0);
    });
  }

  logger.info({ workers: size }, 'starting the gateway cluster');
  for (let i = 0; i < size; i++) fork();
}

async function runWorker(logger: Logger): Promise<void> {
  let stopping = false;
  let server: Awaited<ReturnType<typeof createGatewayServer>> | undefined;
  // One graceful stop, whichever arrives first: the primary's message or a signal sent to the
  // whole process group (Ctrl-C in a terminal reaches the workers too).
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (!server) process.exit(0);
    server.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('message', (message) => {
    if (message === SHUTDOWN) stop();
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const config = readGatewayConfig();
    server = await createGatewayServer(config, logger);
    if (stopping) {
      await server.stop();
      process.exit(0);
    }
    const url = await server.listen(config.port, config.host);
    logger.info({ url, pid: process.pid }, 'gateway ready');
  } catch (err) {
    logger.error({ err }, 'gateway worker failed to start');
    process.exit(1);
  }
}
