import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A projection of each customer's region, which belongs to credit-scoring's onboarding: this
 * service only needs it to group segments, so it keeps a copy fed by recordCustomerRegions.
 */
export class CreateCustomerRegions1764720000000 implements MigrationInterface {
  name = 'CreateCustomerRegions1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_regions (
        customer_id text PRIMARY KEY,
        region text NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_regions`);
  }
}
