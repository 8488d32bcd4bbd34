import type { EntityManager } from 'typeorm';
import type { RepaymentEvent, TransactionEvent } from '../model/events';
import { categorySpendArray } from './category-slots';

export interface InsertResult {
  /** Events that were new; repeated event ids are skipped. */
  inserted: number;
  /** Customers with at least one new event, whose derived data is now stale. */
  customerIds: string[];
}

const toResult = (row: { inserted: number; customer_ids: string[] | null }): InsertResult => ({
  inserted: Number(row.inserted),
  customerIds: row.customer_ids ?? [],
});

/**
 * Stores whole batches with one INSERT … SELECT each (a transaction batch travels as one JSON
 * document, cheaper to send than seven arrays of 10,000): a statement per batch rather than per
 * row. The same statement folds only the rows it actually inserted into the per-customer daily and
 * monthly aggregates, the platform's daily volume and the per-customer event bounds, which is what
 * makes a replayed event id change nothing.
 */
export class EventStore {
  constructor(private readonly db: EntityManager) {}

  async insertTransactions(events: readonly TransactionEvent[]): Promise<InsertResult> {
    const [row] = await this.db.query(
      `WITH inserted AS (
         INSERT INTO transactions (event_id, customer_id, product, amount, merchant_category, channel, occurred_at)
         SELECT * FROM json_to_recordset($1::json)
           AS e("eventId" text, "customerId" text, product text, amount bigint, "merchantCategory" text, channel text, "occurredAt" timestamptz)
         ON CONFLICT (event_id) DO NOTHING
         RETURNING customer_id, product, amount, merchant_category, channel, occurred_at
       ), customer_days AS (
         INSERT INTO customer_daily_activity AS d (customer_id, day, transactions, spend, online, category_spend)
         SELECT customer_id, (occurred_at AT TIME ZONE 'UTC')::date, count(*), sum(amount), count(*) FILTER (WHERE channel = 'ONLINE'), ${categorySpendArray()}
         FROM inserted GROUP BY 1, 2
         ON CONFLICT (customer_id, day) DO UPDATE SET
           transactions = d.transactions + excluded.transactions, spend = d.spend + excluded.spend, online = d.online + excluded.online,
           category_spend = ARRAY(SELECT coalesce(a, 0) + coalesce(b, 0) FROM unnest(d.category_spend, excluded.category_spend) WITH ORDINALITY AS s(a, b, i) ORDER BY i)
         RETURNING 1
       ), monthly AS (
         INSERT INTO monthly_activity AS m (customer_id, month, credit_spend, other_spend, transactions)
         SELECT customer_id, date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date,
                coalesce(sum(amount) FILTER (WHERE product <> 'OTHER'), 0),
                coalesce(sum(amount) FILTER (WHERE product = 'OTHER'), 0), count(*)
         FROM inserted GROUP BY 1, 2
         ON CONFLICT (customer_id, month) DO UPDATE SET
           credit_spend = m.credit_spend + excluded.credit_spend,
           other_spend = m.other_spend + excluded.other_spend,
           transactions = m.transactions + excluded.transactions
         RETURNING 1
       ), daily AS (
         INSERT INTO daily_volume AS d (day, transactions, spend)
         -- In day order: every batch shares these rows, so all lock them in one order.
         SELECT (occurred_at AT TIME ZONE 'UTC')::date, count(*), sum(amount) FROM inserted GROUP BY 1 ORDER BY 1
         ON CONFLICT (day) DO UPDATE SET transactions = d.transactions + excluded.transactions, spend = d.spend + excluded.spend
         RETURNING 1
       ), bounds AS (
         INSERT INTO customer_event_bounds AS b (customer_id, first_tx, first_use, last_tx)
         SELECT customer_id, min(occurred_at), min(occurred_at) FILTER (WHERE product <> 'OTHER'), max(occurred_at)
         FROM inserted GROUP BY 1
         ON CONFLICT (customer_id) DO UPDATE SET
           first_tx = least(b.first_tx, excluded.first_tx), first_use = least(b.first_use, excluded.first_use),
           last_tx = greatest(b.last_tx, excluded.last_tx)
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM inserted) AS inserted,
              (SELECT array_agg(DISTINCT customer_id) FROM inserted) AS customer_ids,
              (SELECT count(*) FROM customer_days) + (SELECT count(*) FROM monthly) + (SELECT count(*) FROM daily) + (SELECT count(*) FROM bounds) AS touched`,
      [JSON.stringify(events)],
    );
    return toResult(row);
  }

  async insertRepayments(events: readonly RepaymentEvent[]): Promise<InsertResult> {
    const [row] = await this.db.query(
      `WITH inserted AS (
         INSERT INTO repayments (event_id, customer_id, product, amount, due_date, paid_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[], $6::timestamptz[])
         ON CONFLICT (event_id) DO NOTHING
         RETURNING customer_id, amount, due_date, paid_at
       ), monthly AS (
         INSERT INTO monthly_activity AS m (customer_id, month, repaid)
         SELECT customer_id, date_trunc('month', paid_at AT TIME ZONE 'UTC')::date, sum(amount)
         FROM inserted WHERE paid_at IS NOT NULL GROUP BY 1, 2
         ON CONFLICT (customer_id, month) DO UPDATE SET repaid = m.repaid + excluded.repaid
         RETURNING 1
       ), bounds AS (
         INSERT INTO customer_event_bounds AS b (customer_id, first_repayment)
         SELECT customer_id, min(least(due_date, paid_at)) FROM inserted GROUP BY 1
         ON CONFLICT (customer_id) DO UPDATE SET first_repayment = least(b.first_repayment, excluded.first_repayment)
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM inserted) AS inserted,
              (SELECT array_agg(DISTINCT customer_id) FROM inserted) AS customer_ids,
              (SELECT count(*) FROM monthly) + (SELECT count(*) FROM bounds) AS touched`,
      [
        events.map((e) => e.eventId),
        events.map((e) => e.customerId),
        events.map((e) => e.product),
        events.map((e) => e.amount),
        events.map((e) => e.dueDate.toISOString()),
        events.map((e) => (e.paidAt ? e.paidAt.toISOString() : null)),
      ],
    );
    return toResult(row);
  }
}
