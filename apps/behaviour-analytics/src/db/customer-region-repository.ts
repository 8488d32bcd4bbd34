import type { EntityManager } from 'typeorm';
import type { CustomerRegion } from '../model/customer-regions';

export class CustomerRegionRepository {
  constructor(private readonly db: EntityManager) {}

  /**
   * Upserts the batch in one statement and returns how many customers got a new or different
   * region; an unchanged row is not rewritten, so a replay changes nothing.
   */
  async upsert(items: readonly CustomerRegion[]): Promise<number> {
    const [row] = await this.db.query(
      `WITH changed AS (
         INSERT INTO customer_regions AS r (customer_id, region)
         SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT (customer_id) DO UPDATE SET region = excluded.region WHERE r.region IS DISTINCT FROM excluded.region
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM changed`,
      [items.map((i) => i.customerId), items.map((i) => i.region)],
    );
    return Number(row.n);
  }
}
