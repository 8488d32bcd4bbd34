import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { NatsJetStreamBus } from '@jc/events';
import { serviceDatabaseName, withAdmin } from './databases';
import { inheritedEnv, root, SUBGRAPH_APPS } from './launcher';

/**
 * `npm run stack:test`: starts the production-like stack (a process per app, PostgreSQL database
 * per service, NATS JetStream) on databases, a stream and ports of its own, runs the end-to-end
 * event-flow suite against its gateway, and stops it. Every run starts from empty databases.
 */
const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const PREFIX = 'jc_stacktest_';
const STREAM = 'JC_STACK_TEST';
const GATEWAY_PORT = 4400;

/** Drops the stack's databases; stack.ts creates them again on start. */
async function freshDatabases(): Promise<void> {
  await withAdmin(PG_URL, async (admin) => {
    for (const app of SUBGRAPH_APPS) await admin.query(`DROP DATABASE IF EXISTS "${serviceDatabaseName(PREFIX, app.name)}" WITH (FORCE)`);
  });
}

async function freshStream(): Promise<void> {
  const bus = await NatsJetStreamBus.connect({ servers: NATS_URL, stream: STREAM, subjectPrefix: 'jc.stacktest' });
  await bus.deleteStream();
  await bus.close();
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = root): ChildProcess {
  return spawn(command, args, { cwd, env: { ...inheritedEnv(), ...env }, stdio: 'inherit', detached: true });
}

async function waitReady(url: string, stack: ChildProcess, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stack.exitCode !== null) throw new Error(`the stack exited (${stack.exitCode}) before it was ready`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the stack was not ready after ${timeoutMs / 1000}s`);
}

const exited = (child: ChildProcess) => new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));

async function main(): Promise<number> {
  console.log('stack:test — fresh databases and stream, then the process-per-app stack on PostgreSQL and NATS ...');
  await freshDatabases();
  await freshStream();
  const ports = Object.fromEntries(SUBGRAPH_APPS.map((a, i) => [a.portVar, String(GATEWAY_PORT + 1 + i)]));
  const stack = run(process.execPath, ['--import', 'tsx', join(root, 'infra', 'local', 'stack.ts')], {
    ...ports,
    PORT: String(GATEWAY_PORT),
    PG_URL,
    PG_DATABASE_PREFIX: PREFIX,
    NATS_URL,
    NATS_STREAM: STREAM,
    NATS_SUBJECT_PREFIX: 'jc.stacktest',
    DEMO_CUSTOMERS: '50',
    JC_NO_CONSOLE: 'true',
  });
  try {
    await waitReady(`http://127.0.0.1:${GATEWAY_PORT}/ready`, stack);
    console.log('stack ready; running the event-flow suite against it');
    const suite = run('npx', ['jest', '--runInBand', 'test/event-flows.test.ts'], { STACK_GATEWAY_URL: `http://127.0.0.1:${GATEWAY_PORT}/graphql` }, join(root, 'apps', 'gateway'));
    return await exited(suite);
  } finally {
    if (stack.exitCode === null) {
      const done = exited(stack);
      process.kill(-stack.pid!, 'SIGTERM');
      await done;
    }
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
