import type { DataSource } from 'typeorm';

export interface OutcomeRecord {
  customerId: string;
  defaulted: boolean;
  observedAt: Date;
}

export class OutcomeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when an outcome for that customer and instant is already recorded. */
  async insert(outcome: OutcomeRecord, recordedAt: Date): Promise<boolean> {
    const rows = await this.dataSource.query(
      `INSERT INTO credit_outcomes (customer_id, observed_at, defaulted, recorded_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING customer_id`,
      [outcome.customerId, outcome.observedAt, outcome.defaulted, recordedAt],
    );
    return rows.length > 0;
  }
}
