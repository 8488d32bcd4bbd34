import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently } from '@jc/subgraph-kit';

/**
 * The refresh's pass over profiles older than a day walked the whole primary key every fifteen
 * minutes to find the few that were. With this index the planner reads just those when they are
 * few, and still walks the key in order when most of the book is due. Built CONCURRENTLY, as the
 * table holds a row per customer.
 */
export class ProfilesByAge1766102400000 implements MigrationInterface {
  name = 'ProfilesByAge1766102400000';
  readonly transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await createIndexConcurrently(q, 'behaviour_profiles_as_of', 'behaviour_profiles (as_of)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS behaviour_profiles_as_of`);
  }
}
