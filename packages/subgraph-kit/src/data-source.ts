import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

type EntityList = MixedList<Function | string | EntitySchema>;
type MigrationList = MixedList<Function | string>;

export interface DatabaseOptions {
  service: string;
  entities: EntityList;
  migrations: MigrationList;
  /** PostgreSQL URL; without it the service runs on embedded PGlite. */
  databaseUrl?: string;
  /** Where embedded data lives; `null` keeps it in memory (tests). */
  dataDir?: string | null;
  poolSize?: number;
  /** How long a query may wait for a pooled connection (or a new one) before SERVICE_UNAVAILABLE; 5 s by default. */
  connectTimeoutMs?: number;
}

export interface Database {
  dataSource: DataSource;
  embedded: boolean;
  /** True when the database answers and no migration is pending. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

export function defaultDataDir(service: string): string {
  return join(process.cwd(), '.data', service);
}

/** Opens the service's database and applies its migrations; never uses `synchronize`. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let connection: DataSourceOptions;
  const common = {
    type: 'postgres' as const,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
  };
  if (options.databaseUrl) {
    // A database that stops answering fails readiness and requests in seconds rather than hanging them.
    connection = { ...common, url: options.databaseUrl, extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000 } };
  } else {
    const dataDir = options.dataDir === undefined ? defaultDataDir(options.service) : options.dataDir;
    embedded = await startEmbeddedPostgres(dataDir ?? undefined);
    connection = {
      ...common,
      host: embedded.host,
      port: embedded.port,
      username: 'postgres',
      database: 'postgres',
      extra: { max: 1 },
    };
  }
  const dataSource = new DataSource(connection);
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw err;
  }
  return {
    dataSource,
    embedded: Boolean(embedded),
    async isReady() {
      try {
        await dataSource.query('SELECT 1');
        return !(await dataSource.showMigrations());
      } catch {
        return false;
      }
    },
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/**
 * A database for one test file: embedded in-memory PGlite by default, or a fresh database on the
 * PostgreSQL server named by TEST_DATABASE_URL (created here, dropped on close).
 */
export async function openTestDatabase(options: Omit<DatabaseOptions, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return openDatabase({ ...options, dataDir: null });
  const name = `${options.service.replace(/\W/g, '_')}_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Tests run many suites at once on a small machine: a burst of a thousand queries on ten connections may queue
  // longer than production's fail-fast bound without anything being wrong.
  const database = await openDatabase({ connectTimeoutMs: 60_000, ...options, databaseUrl: url.toString() });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
