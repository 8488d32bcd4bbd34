import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An onboarding request may carry an idempotency key: a client retrying after a lost answer must
 * get back the customer it made, not a second one. The request's fingerprint is kept beside the
 * key, so the same key with another request is refused. The unique index settles two concurrent
 * requests with one key: the second insert fails and answers from the first.
 */
export class CustomerIdempotencyKeys1766016000000 implements MigrationInterface {
  name = 'CustomerIdempotencyKeys1766016000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customers ADD COLUMN idempotency_key text, ADD COLUMN request_fingerprint text`);
    await q.query(`ALTER TABLE customers ADD CONSTRAINT customers_key_has_fingerprint CHECK ((idempotency_key IS NULL) = (request_fingerprint IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX customers_idempotency_key ON customers (idempotency_key) WHERE idempotency_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX customers_idempotency_key`);
    await q.query(`ALTER TABLE customers DROP CONSTRAINT customers_key_has_fingerprint, DROP COLUMN request_fingerprint, DROP COLUMN idempotency_key`);
  }
}
