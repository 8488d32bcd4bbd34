import type { EntityManager } from 'typeorm';
import { assertEvent, type BehaviourUpdatedV1, type EventEnvelope } from '@jc/domain';

/** The behaviour.updated payloads last published per customer, and the outbox they are sent from. */
export class BehaviourPublicationStore {
  constructor(private readonly db: EntityManager) {}

  async lastPublished(customerIds: readonly string[]): Promise<Map<string, BehaviourUpdatedV1>> {
    const rows: { customer_id: string; payload: BehaviourUpdatedV1 | string }[] = await this.db.query(
      `SELECT customer_id, payload FROM behaviour_published WHERE customer_id = ANY($1::text[])`,
      [customerIds],
    );
    return new Map(rows.map((r) => [r.customer_id, typeof r.payload === 'string' ? (JSON.parse(r.payload) as BehaviourUpdatedV1) : r.payload]));
  }

  /**
   * Enqueues every envelope and remembers each payload as its customer's last published, in one
   * statement, so the outbox rows commit with the batch. Each envelope is checked against the
   * contract first, as enqueueEvent does for a single one: a broken one fails the whole batch.
   * Without `toOutbox` only the baseline is kept (nothing is sent).
   */
  async publish(events: readonly EventEnvelope<'behaviour.updated'>[], now: Date, toOutbox = true): Promise<void> {
    if (events.length === 0) return;
    for (const event of events) assertEvent(event);
    const outbox = toOutbox
      ? `, outbox AS (
         INSERT INTO event_outbox (id, type, envelope, created_at, next_attempt_at)
         SELECT envelope->>'id', 'behaviour.updated', envelope, $2::timestamptz, $2::timestamptz FROM e
         RETURNING 1
       )`
      : '';
    await this.db.query(
      `WITH e AS (SELECT value AS envelope FROM jsonb_array_elements($1::jsonb))${outbox}
       INSERT INTO behaviour_published AS p (customer_id, payload, published_at)
       SELECT envelope->'payload'->>'customerId', envelope->'payload', $2::timestamptz FROM e
       ON CONFLICT (customer_id) DO UPDATE SET payload = excluded.payload, published_at = excluded.published_at`,
      [JSON.stringify(events), now.toISOString()],
    );
  }
}
