import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface EmbeddedPostgres {
  host: string;
  port: number;
  stop(): Promise<void>;
}

type Started = { host: string; port: number } | { error: string };

/**
 * PGlite served over the PostgreSQL wire protocol on a loopback port, so the service talks to it
 * through the same `pg` driver and SQL as in production. PGlite is a single session: callers must
 * keep to one client connection, or transactions from different requests would interleave.
 */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  const worker = new Worker(join(__dirname, 'embedded-postgres.worker.mjs'), { workerData: { dataDir } });
  // Listeners stay attached for the worker's whole life: removing every 'message' listener stops
  // its port, and a later stop request would then never be answered.
  let onStopped: () => void = () => undefined;
  const started = await new Promise<Started>((resolve, reject) => {
    worker.on('message', (message: Started | { stopped: true }) => ('stopped' in message ? onStopped() : resolve(message)));
    worker.on('error', reject);
    worker.on('exit', (code) => {
      onStopped();
      reject(new Error(`embedded PostgreSQL exited with code ${code}`));
    });
  });
  // The worker must never be what keeps a process alive; open connections and servers do that.
  worker.unref();
  if ('error' in started) {
    await worker.terminate();
    throw new Error(`embedded PostgreSQL failed to start: ${started.error}`);
  }
  let stopped: Promise<void> | undefined;
  return {
    host: started.host,
    port: started.port,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        onStopped = resolve;
        // Held while stopping, so a process with nothing else left to do still waits for a clean close.
        worker.ref();
        worker.postMessage('stop');
      }).then(() => worker.terminate().then(() => undefined));
      return stopped;
    },
  };
}
