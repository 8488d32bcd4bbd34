import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCustomers1764460800000 implements MigrationInterface {
  name = 'CreateCustomers1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customers (
        id text PRIMARY KEY,
        region char(2) NOT NULL,
        onboarded_at timestamptz NOT NULL,
        declared_annual_income bigint NOT NULL CHECK (declared_annual_income >= 0),
        birth_year smallint NOT NULL,
        education text NOT NULL CHECK (education IN ('GRADUATE', 'UNIVERSITY', 'HIGH_SCHOOL', 'OTHER'))
      )`);
    await q.query(`CREATE INDEX customers_region_idx ON customers (region)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customers`);
  }
}
