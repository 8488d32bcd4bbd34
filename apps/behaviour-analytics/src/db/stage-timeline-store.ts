import type { EntityManager } from 'typeorm';

/** The reads behind dating stage changes and finding the customers whose stage falls due. */
export class StageTimelineStore {
  constructor(private readonly db: EntityManager) {}

  /**
   * Per customer, the time of their last transaction at or before `since` and of every one after
   * it up to `asOf`: what the stage walk between two derivations needs. Two index range probes per
   * customer; asked only for customers whose stage changed, so the list is short.
   */
  async transactionTimes(customers: readonly { customerId: string; since: Date }[], asOf: Date): Promise<Map<string, number[]>> {
    const times = new Map<string, number[]>(customers.map((c) => [c.customerId, []]));
    if (customers.length === 0) return times;
    const rows: { customer_id: string; occurred_at: Date }[] = await this.db.query(
      `SELECT c.id AS customer_id, t.occurred_at
       FROM unnest($1::text[], $2::timestamptz[]) AS c(id, since)
       CROSS JOIN LATERAL (
         (SELECT occurred_at FROM transactions WHERE customer_id = c.id AND occurred_at <= c.since ORDER BY occurred_at DESC LIMIT 1)
         UNION ALL
         (SELECT occurred_at FROM transactions WHERE customer_id = c.id AND occurred_at > c.since AND occurred_at <= $3::timestamptz)
       ) t`,
      [customers.map((c) => c.customerId), customers.map((c) => c.since.toISOString()), asOf.toISOString()],
    );
    for (const r of rows) times.get(r.customer_id)!.push(new Date(r.occurred_at).getTime());
    return times;
  }

  /**
   * Up to `limit` customers after `afterId` (in id order) whose stage may have changed by `now`
   * with time alone. The index on stage_due_at finds the few due among millions; a derivation
   * moves each one's due time past its asOf, so they leave the set.
   */
  async stageDue(now: Date, afterId: string, limit: number): Promise<string[]> {
    const rows: { customer_id: string }[] = await this.db.query(
      `SELECT customer_id FROM behaviour_profiles WHERE stage_due_at <= $1::timestamptz AND customer_id > $2 ORDER BY customer_id LIMIT $3`,
      [now.toISOString(), afterId, limit],
    );
    return rows.map((r) => r.customer_id);
  }
}
