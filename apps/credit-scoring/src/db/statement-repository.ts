import type { DataSource, EntityManager } from 'typeorm';
import type { StoredStatement } from '../model/statements';
import { MONTHS } from '@jc/scorecard';

interface Row {
  customer_id: string;
  month: string;
  credit_limit: string;
  balance: string;
  repaid: string;
  status: number;
}

const toStatement = (r: Row): StoredStatement => ({
  month: r.month,
  limit: Number(r.credit_limit),
  balance: Number(r.balance),
  repaid: Number(r.repaid),
  status: r.status,
});

/**
 * Statements scoring needs: the six latest, one more in case the newest is a month in progress
 * left out, and one older whose limit fills a gap at the old end of the window.
 */
const WINDOW_ROWS = MONTHS + 2;

export class StatementRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Makes the transaction `manager` holds the customers' only writer and scorer until it ends. Two
   * transactions storing different months of one customer would otherwise each score without the
   * other's month, and the later score would stand as the profile. Taken in id order, so batches
   * never wait on each other in a cycle; NO KEY UPDATE leaves rows referencing the customers free.
   */
  async lockCustomers(customerIds: readonly string[], manager: EntityManager): Promise<void> {
    if (customerIds.length === 0) return;
    await manager.query('SELECT id FROM customers WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE', [customerIds]);
  }

  /** Inserts the statements, replacing stored ones of the same months, in one statement. */
  upsert(customerId: string, statements: ReadonlyArray<StoredStatement>, manager: EntityManager = this.dataSource.manager): Promise<void> {
    return this.upsertMany(statements.map((s) => ({ ...s, customerId })), manager);
  }

  /** The same for rows of many customers; a (customer, month) may appear once. */
  async upsertMany(rows: ReadonlyArray<StoredStatement & { customerId: string }>, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO customer_statements (customer_id, month, credit_limit, balance, repaid, status)
       SELECT * FROM unnest($1::text[], $2::date[], $3::bigint[], $4::bigint[], $5::bigint[], $6::smallint[])
       ON CONFLICT (customer_id, month) DO UPDATE
         SET credit_limit = EXCLUDED.credit_limit, balance = EXCLUDED.balance, repaid = EXCLUDED.repaid, status = EXCLUDED.status`,
      [
        rows.map((s) => s.customerId),
        rows.map((s) => s.month),
        rows.map((s) => s.limit),
        rows.map((s) => s.balance),
        rows.map((s) => s.repaid),
        rows.map((s) => s.status),
      ],
    );
  }

  /** Bulk insert for seeding: rows of many customers, existing months left alone. */
  async insertMany(rows: ReadonlyArray<StoredStatement & { customerId: string }>): Promise<void> {
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      await this.dataSource.query(
        `INSERT INTO customer_statements (customer_id, month, credit_limit, balance, repaid, status)
         SELECT * FROM unnest($1::text[], $2::date[], $3::bigint[], $4::bigint[], $5::bigint[], $6::smallint[])
         ON CONFLICT DO NOTHING`,
        [
          chunk.map((s) => s.customerId),
          chunk.map((s) => s.month),
          chunk.map((s) => s.limit),
          chunk.map((s) => s.balance),
          chunk.map((s) => s.repaid),
          chunk.map((s) => s.status),
        ],
      );
    }
  }

  /** The latest statements of each customer, most recent first, for the scoring window. */
  async windows(customerIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, StoredStatement[]>> {
    const rows: Row[] = await manager.query(
      `SELECT customer_id, to_char(month, 'YYYY-MM-DD') AS month, credit_limit, balance, repaid, status
         FROM (SELECT s.*, row_number() OVER (PARTITION BY customer_id ORDER BY month DESC) AS k
                 FROM customer_statements s WHERE customer_id = ANY($1)) w
        WHERE k <= $2
        ORDER BY customer_id, month DESC`,
      [customerIds, WINDOW_ROWS],
    );
    const byCustomer = new Map<string, StoredStatement[]>();
    for (const r of rows) {
      let list = byCustomer.get(r.customer_id);
      if (!list) byCustomer.set(r.customer_id, (list = []));
      list.push(toStatement(r));
    }
    return byCustomer;
  }
}
