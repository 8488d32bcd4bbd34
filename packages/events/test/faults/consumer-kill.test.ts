import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { openDatabase, type Database } from '@jc/subgraph-kit';
import { durableName, NatsJetStreamBus } from '../../src';
import { until, utilisation } from '../support';
import { appliedCounts, appliedIds, faultMigrations } from '../support/fault-tables';
import { FAULT_CONSUMER, FAULT_STREAM, FAULT_SUBJECT_PREFIX } from '../support/fault-stream';
import { NATS_SERVER, natsServerInstalled, PrivateNats } from '../support/private-nats';
import { POSTGRES_BIN, postgresInstalled, PrivatePostgres } from '../support/private-postgres';

/**
 * A consumer service is SIGKILLed while it works through a backlog (some effects half-done in
 * open transactions, some messages delivered but not acknowledged) and started again: every
 * event ends up applied exactly once.
 */
const N = 600;
const installed = natsServerInstalled() && postgresInstalled();
const suite = installed ? describe : describe.skip;
const skipNote = installed ? '' : ` (skipped: needs ${NATS_SERVER} and PostgreSQL in ${POSTGRES_BIN})`;
const packageRoot = join(__dirname, '..', '..');

interface ConsumerProcess {
  child: ChildProcess;
  exited: Promise<void>;
}

/** Starts the consumer script and resolves once it has subscribed. */
async function startConsumer(databaseUrl: string, natsUrl: string): Promise<ConsumerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'support', 'consumer-process.ts')], {
    cwd: packageRoot,
    env: { ...process.env, FAULT_DATABASE_URL: databaseUrl, FAULT_NATS_URL: natsUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => String(chunk).includes('ready') && resolve());
    void exited.then(() => reject(new Error(`consumer process exited before it was ready:\n${stderr}`)));
  });
  return { child, exited };
}

async function kill({ child, exited }: ConsumerProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  await exited;
}

/** How many deliveries the durable consumer has made, redeliveries included. */
async function deliveries(natsUrl: string): Promise<number> {
  const nc = await connect({ servers: natsUrl });
  try {
    const info = await (await jetstreamManager(nc)).consumers.info(FAULT_STREAM, durableName(FAULT_CONSUMER));
    return info.delivered.consumer_seq;
  } finally {
    await nc.close();
  }
}

suite(`a consumer process killed mid-stream and restarted${skipNote}`, () => {
  let postgres: PrivatePostgres;
  let nats: PrivateNats;
  let database: Database;
  let bus: NatsJetStreamBus;
  const consumers: ConsumerProcess[] = [];

  beforeAll(async () => {
    [postgres, nats] = await Promise.all([PrivatePostgres.start(), PrivateNats.start()]);
    database = await openDatabase({ service: 'faults-consumer-kill', entities: [], migrations: faultMigrations, databaseUrl: postgres.url, poolSize: 2 });
    bus = await NatsJetStreamBus.connect({ servers: nats.url, stream: FAULT_STREAM, subjectPrefix: FAULT_SUBJECT_PREFIX, name: 'faults-publisher' });
  });
  afterAll(async () => {
    await Promise.all(consumers.map((c) => kill(c)));
    await bus?.close().catch(() => undefined);
    await database?.close();
    await Promise.all([nats?.destroy(), postgres?.destroy()]);
  });

  it('applies every event exactly once across the kill', async () => {
    const published: string[] = [];
    for (let start = 0; start < N; start += 50) {
      const events = Array.from({ length: Math.min(50, N - start) }, (_, i) => utilisation('c_00000000000000a1', start + i + 1));
      await Promise.all(events.map((event) => bus.publish(event)));
      published.push(...events.map((event) => event.id));
    }

    const first = await startConsumer(postgres.url, nats.url);
    consumers.push(first);
    await until(async () => (await appliedCounts(database.dataSource)).distinct >= N / 3, 30_000);
    await kill(first);
    const atKill = await appliedCounts(database.dataSource);
    expect(atKill.distinct).toBeLessThan(N); // killed mid-stream, with work left to do

    consumers.push(await startConsumer(postgres.url, nats.url));
    await until(async () => (await appliedCounts(database.dataSource)).distinct === N, 40_000);
    // What the first process had taken but not acknowledged comes back after the ack wait (2 s);
    // wait past it so a redelivery that slipped through would show as an extra row.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await appliedCounts(database.dataSource)).toEqual({ total: N, distinct: N });
    expect(await appliedIds(database.dataSource)).toEqual(new Set(published));
    const [inbox] = await database.dataSource.query(`SELECT count(*)::int AS n FROM event_inbox WHERE consumer = $1`, [FAULT_CONSUMER]);
    expect(inbox.n).toBe(N);
    // NATS did hand out again what the killed process held: the outcome above was not luck.
    expect(await deliveries(nats.url)).toBeGreaterThan(N);
  });
});
