import type { EntityManager } from 'typeorm';
import type { ScoredBehaviour } from '@jc/domain';

type Row = { customer_id: string; lifecycle_stage: ScoredBehaviour['lifecycleStage']; on_time_repayment_streak: number; current_days_past_due: number; behaviour_value: string; as_of: Date | string };

/** The newest behaviour facts per customer; an older update arriving late changes nothing. */
export class BehaviourRepository {
  /**
   * Stores the facts of several customers (one entry each) in one statement; returns the customers
   * whose facts were stored, i.e. not older than what was held.
   */
  async recordMany(facts: ReadonlyArray<ScoredBehaviour & { customerId: string }>, m: EntityManager): Promise<Set<string>> {
    if (facts.length === 0) return new Set();
    const rows: Array<{ customer_id: string }> = await m.query(
      `INSERT INTO customer_behaviour (customer_id, lifecycle_stage, on_time_repayment_streak, current_days_past_due, behaviour_value, as_of)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::bigint[], $6::timestamptz[])
       ON CONFLICT (customer_id) DO UPDATE SET lifecycle_stage = EXCLUDED.lifecycle_stage, on_time_repayment_streak = EXCLUDED.on_time_repayment_streak,
         current_days_past_due = EXCLUDED.current_days_past_due, behaviour_value = EXCLUDED.behaviour_value, as_of = EXCLUDED.as_of
       WHERE customer_behaviour.as_of <= EXCLUDED.as_of
       RETURNING customer_id`,
      [
        facts.map((f) => f.customerId),
        facts.map((f) => f.lifecycleStage),
        facts.map((f) => f.onTimeRepaymentStreak),
        facts.map((f) => f.currentDaysPastDue),
        facts.map((f) => f.behaviourValue),
        facts.map((f) => f.asOf),
      ],
    );
    return new Set(rows.map((r) => r.customer_id));
  }

  /** When each customer's held facts are from (epoch ms); customers without any are absent. */
  async asOf(ids: readonly string[], m: EntityManager): Promise<Map<string, number>> {
    const rows: Array<{ customer_id: string; as_of: Date | string }> = await m.query(`SELECT customer_id, as_of FROM customer_behaviour WHERE customer_id = ANY($1::text[])`, [ids]);
    return new Map(rows.map((r) => [r.customer_id, new Date(r.as_of).getTime()]));
  }

  async byCustomer(ids: readonly string[], m: EntityManager): Promise<Map<string, ScoredBehaviour>> {
    const rows: Row[] = await m.query(`SELECT * FROM customer_behaviour WHERE customer_id = ANY($1::text[])`, [ids]);
    return new Map(
      rows.map((r) => [
        r.customer_id,
        {
          lifecycleStage: r.lifecycle_stage,
          onTimeRepaymentStreak: r.on_time_repayment_streak,
          currentDaysPastDue: r.current_days_past_due,
          behaviourValue: Number(r.behaviour_value),
          asOf: new Date(r.as_of).toISOString(),
        },
      ]),
    );
  }
}
