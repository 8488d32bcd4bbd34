import type { DataSource, QueryRunner } from 'typeorm';
import { openTestDatabase, type Database } from '@jc/subgraph-kit';
import { EventIndexesMigration, EventTablesMigration, type EventEffect } from '../../src';

/**
 * The event tables plus `applied`, where the fault tests' effect writes one row per application.
 * It has no unique constraint on purpose: an event applied twice shows up as two rows.
 */
class FaultTables1764460800000 extends EventTablesMigration {
  name = 'FaultTables1764460800000';
  override async up(q: QueryRunner): Promise<void> {
    await super.up(q);
    await q.query(`CREATE TABLE applied (event_id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  }
}

class FaultIndexes1764547200000 extends EventIndexesMigration {
  name = 'FaultIndexes1764547200000';
}

export const faultMigrations = [FaultTables1764460800000, FaultIndexes1764547200000];

export function openFaultTestDatabase(service: string): Promise<Database> {
  return openTestDatabase({ service, entities: [], migrations: faultMigrations });
}

export const recordApplied: EventEffect = async (event, m) => {
  await m.query(`INSERT INTO applied (event_id) VALUES ($1)`, [event.id]);
};

/** How many applications were recorded, and for how many distinct events. */
export async function appliedCounts(dataSource: DataSource): Promise<{ total: number; distinct: number }> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct_ids FROM applied`);
  return { total: row.total, distinct: row.distinct_ids };
}

export async function appliedIds(dataSource: DataSource): Promise<Set<string>> {
  const rows: { event_id: string }[] = await dataSource.query(`SELECT event_id FROM applied`);
  return new Set(rows.map((r) => r.event_id));
}
