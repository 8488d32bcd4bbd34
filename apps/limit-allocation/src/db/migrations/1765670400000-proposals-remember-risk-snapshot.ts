import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A proposal records the risk snapshot it was decided on, so applying it can skip a line whose
 * risk was reassessed since: a raise priced on last week's PD must not reach a customer who has
 * turned overdue. Proposals stored before this column have none and are applied as before.
 */
export class ProposalsRememberRiskSnapshot1765670400000 implements MigrationInterface {
  name = 'ProposalsRememberRiskSnapshot1765670400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE allocation_proposals ADD COLUMN snapshot_as_of timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE allocation_proposals DROP COLUMN snapshot_as_of`);
  }
}
