import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A campaign request may carry an idempotency key: a retried request (a timeout, a double click)
 * must give back the campaign it made, not stack a second overlay on every eligible line. The
 * fingerprint of the request is kept beside the key, so the same key with another request is refused.
 */
export class CampaignIdempotencyKeys1765756800000 implements MigrationInterface {
  name = 'CampaignIdempotencyKeys1765756800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD COLUMN idempotency_key text, ADD COLUMN request_fingerprint text`);
    await q.query(`CREATE UNIQUE INDEX campaigns_idempotency_key ON campaigns (idempotency_key) WHERE idempotency_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX campaigns_idempotency_key`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN request_fingerprint, DROP COLUMN idempotency_key`);
  }
}
