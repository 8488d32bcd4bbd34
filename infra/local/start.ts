import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * `npm start`: the whole platform on the embedded default. Each subgraph runs as its own process
 * with its own PGlite database under .data/<service>/, seeded once with the reproducible demo
 * population; the gateway starts when all three are ready. Ctrl-C stops everything cleanly.
 */
const root = join(__dirname, '..', '..');
const gatewayPort = Number(process.env.PORT ?? 4000);

interface App {
  name: string;
  port: number;
  env?: Record<string, string>;
}

const subgraphs: App[] = [
  { name: 'credit-scoring', port: Number(process.env.CREDIT_SCORING_PORT ?? 4001) },
  { name: 'behaviour-analytics', port: Number(process.env.BEHAVIOUR_ANALYTICS_PORT ?? 4002) },
  { name: 'limit-allocation', port: Number(process.env.LIMIT_ALLOCATION_PORT ?? 4003) },
];

// A fresh secret each run: only these processes can sign and check the gateway's identity headers.
const internalSecret = process.env.INTERNAL_AUTH_SECRET ?? randomBytes(32).toString('hex');
const children: ChildProcess[] = [];
let stopping = false;

function launch(app: App): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps', app.name, 'src', 'main.ts')], {
    cwd: root,
    // Own process group: a terminal's Ctrl-C reaches only this launcher, which then stops each
    // service once and in order, instead of every process racing its own shutdown.
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      PORT: String(app.port),
      DATA_DIR: process.env.DATABASE_URL ? '' : join(root, '.data', app.name),
      SEED_DEMO: process.env.SEED_DEMO ?? 'true',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      INTERNAL_AUTH_SECRET: internalSecret,
      ...app.env,
    },
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${app.name} exited (${signal ?? code}); stopping the platform`);
      void stopAll(1);
    }
  });
  children.push(child);
  return child;
}

async function waitReady(app: App, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopping');
    try {
      if ((await fetch(`http://127.0.0.1:${app.port}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${app.name} was not ready after ${timeoutMs / 1000}s`);
}

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const exits = children.filter((c) => c.exitCode === null && c.signalCode === null).map(
    (c) => new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    }),
  );
  const timer = setTimeout(() => children.forEach((c) => c.kill('SIGKILL')), 10_000);
  await Promise.all(exits);
  clearTimeout(timer);
  process.exit(code);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const started = Date.now();
  console.log('Starting Joint Credit on the embedded default (PGlite per service under .data/) ...');
  for (const app of subgraphs) launch(app);
  await Promise.all(subgraphs.map(async (app) => {
    await waitReady(app);
    console.log(`  ${app.name.padEnd(20)} ready on http://127.0.0.1:${app.port}/graphql`);
  }));
  const gateway: App = {
    name: 'gateway',
    port: gatewayPort,
    env: {
      CREDIT_SCORING_URL: `http://127.0.0.1:${subgraphs[0]!.port}/graphql`,
      BEHAVIOUR_ANALYTICS_URL: `http://127.0.0.1:${subgraphs[1]!.port}/graphql`,
      LIMIT_ALLOCATION_URL: `http://127.0.0.1:${subgraphs[2]!.port}/graphql`,
    },
  };
  launch(gateway);
  await waitReady(gateway);
  console.log(`\nJoint Credit gateway: http://127.0.0.1:${gatewayPort}/graphql  (ready in ${((Date.now() - started) / 1000).toFixed(1)}s; Ctrl-C to stop)`);
  console.log('A development token for it: npm run token -- --role ANALYST   (or --role CUSTOMER --customer <id>)');
}

main().catch((err) => {
  if (!stopping) console.error(err instanceof Error ? err.message : err);
  void stopAll(1);
});
