import { demoAsOfFrom } from '@jc/subgraph-kit';
import { databaseUrl, serviceDatabaseName, withAdmin } from './databases';
import { Launcher, SUBGRAPH_APPS } from './launcher';

/**
 * `npm run stack`: the production-like run mode. Each app is its own OS process against
 * PostgreSQL, with a database per service (created here when missing), NATS JetStream for events
 * and Redis for shared rate limits. Settings come from the environment:
 *   PG_URL (server, default postgres://postgres@127.0.0.1:5432/postgres), PG_DATABASE_PREFIX (jc_),
 *   NATS_URL (nats://127.0.0.1:4222), NATS_STREAM / NATS_SUBJECT_PREFIX (a platform of its own on a
 *   shared server), REDIS_URL (redis://127.0.0.1:6379), SEED_DEMO (true), JC_NO_CONSOLE (false).
 */
const serverUrl = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const prefix = process.env.PG_DATABASE_PREFIX ?? 'jc_';

const databaseUrlFor = (service: string) => databaseUrl(serverUrl, serviceDatabaseName(prefix, service));

async function ensureDatabases(): Promise<void> {
  await withAdmin(serverUrl, async (admin) => {
    for (const { name: service } of SUBGRAPH_APPS) {
      const name = serviceDatabaseName(prefix, service);
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!rowCount) {
        await admin.query(`CREATE DATABASE "${name}"`);
        console.log(`  created database ${name}`);
      }
    }
  });
}

async function main(): Promise<void> {
  const launcher = new Launcher();
  // one demo "today" for every process, even if the start crosses midnight UTC
  const demoAsOf = demoAsOfFrom();
  console.log('Starting Joint Credit production-like: PostgreSQL per service, NATS JetStream, Redis ...');
  try {
    await ensureDatabases();
    const gatewayPort = await launcher.startPlatform(
      (name) => ({
        DATABASE_URL: databaseUrlFor(name),
        NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
        SEED_DEMO: process.env.SEED_DEMO ?? 'true',
        DEMO_AS_OF: demoAsOf,
      }),
      { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    );
    if (process.env.JC_NO_CONSOLE !== 'true') await launcher.startConsole(`http://127.0.0.1:${gatewayPort}/graphql`);
  } catch (err) {
    launcher.fail(err);
  }
}

void main();
