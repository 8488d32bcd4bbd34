import type { EntityManager } from 'typeorm';
import type { ScoredBehaviour } from '@jc/domain';

type Row = { customer_id: string; lifecycle_stage: ScoredBehaviour['lifecycleStage']; on_time_repayment_streak: number; current_days_past_due: number; behaviour_value: string; as_of: Date | string };

/** The newest behaviour facts per customer; an older update arriving late changes nothing. */
export class BehaviourRepository {
  async record(customerId: string, b: ScoredBehaviour, m: EntityManager): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO customer_behaviour (customer_id, lifecycle_stage, on_time_repayment_streak, current_days_past_due, behaviour_value, as_of)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (customer_id) DO UPDATE SET lifecycle_stage = EXCLUDED.lifecycle_stage, on_time_repayment_streak = EXCLUDED.on_time_repayment_streak,
         current_days_past_due = EXCLUDED.current_days_past_due, behaviour_value = EXCLUDED.behaviour_value, as_of = EXCLUDED.as_of
       WHERE customer_behaviour.as_of <= EXCLUDED.as_of
       RETURNING customer_id`,
      [customerId, b.lifecycleStage, b.onTimeRepaymentStreak, b.currentDaysPastDue, b.behaviourValue, b.asOf],
    );
    return rows.length > 0;
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
