/**
 * A consumer service reduced to its event part, run as its own process so a test can SIGKILL it
 * mid-stream: an inbox on the database at FAULT_DATABASE_URL, fed by the NATS at FAULT_NATS_URL,
 * whose effect records the event in `applied` and then takes a few milliseconds, like real work.
 * Prints "ready" once subscribed.
 */
import { openDatabase } from '@jc/subgraph-kit';
import { Inbox, NatsJetStreamBus } from '../../src';
import { faultMigrations, recordApplied } from './fault-tables';
import { FAULT_CONSUMER, FAULT_STREAM, FAULT_SUBJECT_PREFIX } from './fault-stream';

/**
 * Work between an effect's commit and the acknowledgement (in services: waking the relay,
 * logging). A kill inside it leaves an applied event unacknowledged, so NATS delivers it again:
 * the case the inbox exists for. It blocks the event loop, as synchronous work would, to make
 * that window wide enough for a kill to land in it often.
 */
const AFTER_COMMIT_MS = 10;
const afterCommitWork = () => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, AFTER_COMMIT_MS);

async function main(): Promise<void> {
  const databaseUrl = process.env.FAULT_DATABASE_URL;
  const servers = process.env.FAULT_NATS_URL;
  if (!databaseUrl || !servers) throw new Error('FAULT_DATABASE_URL and FAULT_NATS_URL are required');
  const database = await openDatabase({ service: 'faults-consumer', entities: [], migrations: faultMigrations, databaseUrl, poolSize: 2 });
  const bus = await NatsJetStreamBus.connect({ servers, stream: FAULT_STREAM, subjectPrefix: FAULT_SUBJECT_PREFIX, name: `faults-consumer-${process.pid}`, ackWaitMs: 2_000 });
  const inbox = new Inbox({
    dataSource: database.dataSource,
    consumer: FAULT_CONSUMER,
    effects: {
      'utilisation.recorded': async (event, m) => {
        await recordApplied(event, m);
        await m.query('SELECT pg_sleep(0.005)');
      },
    },
    afterCommit: afterCommitWork,
  });
  await bus.subscribe(FAULT_CONSUMER, inbox.types, inbox.handle);
  process.stdout.write('ready\n');
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
