import type { Clock } from '@jc/domain';
import type { EventBus, EventfulServer } from '@jc/events';
import { TEST_INTERNAL_SECRET, type Database } from '@jc/subgraph-kit';
import { createLimitAllocationServer, openLimitTestDatabase } from '../../src';

export interface LimitSubgraph {
  database: Database;
  server: EventfulServer;
}

/** The subgraph on a fresh test database (PGlite, or PostgreSQL with TEST_DATABASE_URL). */
export async function startLimitSubgraph(clock: Clock, bus?: EventBus): Promise<LimitSubgraph> {
  const database = await openLimitTestDatabase();
  return { database, server: await createLimitAllocationServer({ database, clock, internalSecret: TEST_INTERNAL_SECRET, bus }) };
}

/** Stops the server (which closes its database), or closes the database if the server never started. */
export function stopLimitSubgraph(server: Pick<EventfulServer, 'stop'> | undefined, database: Database | undefined): Promise<void> {
  return server ? server.stop() : (database?.close() ?? Promise.resolve());
}

/** Starts the subgraph before the file's tests and stops it after; `take` receives it. */
export function useLimitSubgraph(clock: Clock, take: (s: LimitSubgraph) => void): void {
  let started: LimitSubgraph | undefined;
  beforeAll(async () => {
    started = await startLimitSubgraph(clock);
    take(started);
  });
  afterAll(() => stopLimitSubgraph(started?.server, started?.database));
}
