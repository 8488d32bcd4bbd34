import type { DataSource } from 'typeorm';

export interface OutcomeRecord {
  customerId: string;
  defaulted: boolean;
  observedAt: Date;
}

export class OutcomeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores the outcome unless one of that customer and instant is already stored; returns the
   * stored one either way, so the caller can tell a retry (the same verdict) from a contradiction.
   */
  async record(outcome: OutcomeRecord, recordedAt: Date): Promise<OutcomeRecord> {
    const inserted = await this.dataSource.query(
      `INSERT INTO credit_outcomes (customer_id, observed_at, defaulted, recorded_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING customer_id`,
      [outcome.customerId, outcome.observedAt, outcome.defaulted, recordedAt],
    );
    if (inserted.length > 0) return outcome;
    // a statement of its own: it sees the row a concurrent insert committed while this one waited
    const [held]: Array<{ defaulted: boolean }> = await this.dataSource.query(
      'SELECT defaulted FROM credit_outcomes WHERE customer_id = $1 AND observed_at = $2',
      [outcome.customerId, outcome.observedAt],
    );
    return { ...outcome, defaulted: held!.defaulted };
  }
}
