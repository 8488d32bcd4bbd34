import type { QueryRunner } from 'typeorm';

/**
 * Builds an index without holding up the table's writes, for a migration that runs outside a
 * transaction (`transaction = false`). A build that was interrupted leaves an invalid index that
 * IF NOT EXISTS would keep, so that one is dropped and built again.
 */
export async function createIndexConcurrently(q: QueryRunner, name: string, definition: string): Promise<void> {
  const [invalid] = await q.query(
    `SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1 AND NOT i.indisvalid AND pg_table_is_visible(c.oid)`,
    [name],
  );
  if (invalid) await q.query(`DROP INDEX CONCURRENTLY ${name}`);
  await q.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${name} ON ${definition}`);
}
