import type { DataSource, EntityManager } from 'typeorm';
import type { LimitChangedV1 } from '@jc/domain';
import type { LimitRecord } from '../model/statements';
import { rowsByCustomer } from './rows-by-customer';

/** The line limits limit.changed announced, every decision kept, so any month's limit can be told. */
export class CustomerLimitRepository {
  constructor(private readonly db: EntityManager | DataSource) {}

  /** A decision already stored (the same decisionId) is left as it is. */
  record(limit: LimitChangedV1): Promise<void> {
    return this.recordMany([limit]);
  }

  async recordMany(limits: readonly Omit<LimitChangedV1, 'reasonCodes'>[]): Promise<void> {
    if (limits.length === 0) return;
    await this.db.query(
      `INSERT INTO customer_limits (decision_id, customer_id, decided_at, joint_limit, cash_loan_limit, pay_later_limit)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[], $5::bigint[], $6::bigint[])
       ON CONFLICT (decision_id) DO NOTHING`,
      [limits.map((l) => l.decisionId), limits.map((l) => l.customerId), limits.map((l) => l.decidedAt),
        limits.map((l) => l.jointLimit), limits.map((l) => l.cashLoanLimit), limits.map((l) => l.payLaterLimit)],
    );
  }

  /** Decisions from `fromMonth` to asOf, plus the last one before `fromMonth` (in force when it began). */
  async limitsFor(customerIds: readonly string[], fromMonth: string, asOf: Date): Promise<Map<string, LimitRecord[]>> {
    const rows: { customer_id: string; decided_at: Date; joint_limit: string }[] = await this.db.query(
      `SELECT customer_id, decided_at, joint_limit FROM customer_limits
       WHERE customer_id = ANY($1::text[]) AND decided_at >= $2::timestamptz AND decided_at <= $3::timestamptz
       UNION ALL
       SELECT b.customer_id, b.decided_at, b.joint_limit FROM unnest($1::text[]) AS c(id)
       CROSS JOIN LATERAL (SELECT customer_id, decided_at, joint_limit FROM customer_limits
                           WHERE customer_id = c.id AND decided_at < $2::timestamptz ORDER BY decided_at DESC LIMIT 1) b`,
      [customerIds, `${fromMonth}T00:00:00Z`, asOf.toISOString()],
    );
    return rowsByCustomer(rows, (r): LimitRecord => ({ decidedAt: new Date(r.decided_at), jointLimit: Number(r.joint_limit) }));
  }
}
