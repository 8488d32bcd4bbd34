import type { DataSource } from 'typeorm';
import type { LifecycleStage } from '@jc/domain';
import type { StageChangeRecord } from '../model/behaviour-profile';
import { rowsByCustomer } from './rows-by-customer';

/** Newest first, keyset-paged by id so a page stays stable while new changes arrive. */
export class StageHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Up to `limit` changes per customer with id below `beforeId` (all when null), in one query. */
  async pages(customerIds: readonly string[], limit: number, beforeId: number | null): Promise<Map<string, StageChangeRecord[]>> {
    const rows: { id: string; customer_id: string; changed_at: Date; from_stage: LifecycleStage | null; to_stage: LifecycleStage; reason: string; rules_version: string }[] =
      await this.dataSource.query(
        `SELECT * FROM (
           SELECT s.*, row_number() OVER (PARTITION BY customer_id ORDER BY id DESC) AS rn FROM stage_changes s
           WHERE customer_id = ANY($1::text[]) AND ($2::bigint IS NULL OR id < $2::bigint)) ranked
         WHERE rn <= $3 ORDER BY customer_id, id DESC`,
        [customerIds, beforeId, limit],
      );
    return rowsByCustomer(rows, (r): StageChangeRecord => ({
      id: Number(r.id),
      customerId: r.customer_id,
      at: new Date(r.changed_at),
      from: r.from_stage,
      to: r.to_stage,
      reason: r.reason,
      rulesVersion: r.rules_version,
    }));
  }
}
