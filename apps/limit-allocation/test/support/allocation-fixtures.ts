import type { DataSource } from 'typeorm';
import type { Clock } from '@jc/domain';
import type { Database } from '@jc/subgraph-kit';
import { AllocationRepository } from '../../src/db/allocation-repository';
import { PolicyRepository } from '../../src/db/policy-repository';
import type { AllocationLine } from '../../src/model/allocation-portfolio';
import { AllocationService } from '../../src/services/allocation-service';

const CHUNK = 20_000;

/**
 * Writes lines (drawn as used, nothing held) and their snapshots in bulk, one JSON parameter per
 * chunk; the budget trigger counts them as any opened line.
 */
export async function seedAllocationLines(ds: DataSource, lines: readonly AllocationLine[], at: Date, onProgress?: (done: number) => void): Promise<void> {
  for (let i = 0; i < lines.length; i += CHUNK) {
    const chunk = lines.slice(i, i + CHUNK);
    await ds.query(
      `INSERT INTO credit_lines (customer_id, status, tier, joint_limit, cash_loan_limit, cash_loan_used, pay_later_limit, pay_later_used,
                                 joint_ceiling, cash_loan_ceiling, pay_later_ceiling, cash_loan_apr, pay_later_apr, cash_loan_draws_frozen, opened_at, updated_at)
       SELECT x.c, x.status, x.tier, x.j, x.cl, x.cu, x.pl, x.pu, x.j, x.cl, x.pl, x.ca, x.pa, x.f, $2, $2
       FROM jsonb_to_recordset($1::jsonb) AS x(c text, status text, tier text, j bigint, cl bigint, cu bigint, pl bigint, pu bigint, ca numeric, pa numeric, f boolean)`,
      [
        JSON.stringify(chunk.map((l) => ({ c: l.customerId, status: l.status, tier: l.tier, j: l.jointLimit, cl: l.cashLoanLimit, cu: l.cashLoanDrawn, pl: l.payLaterLimit, pu: l.payLaterDrawn, ca: l.cashLoanApr, pa: l.payLaterApr, f: l.cashLoanDrawsFrozen }))),
        at,
      ],
    );
    const snaps = chunk.flatMap((l) => (l.snapshot ? [l.snapshot] : []));
    await ds.query(
      `INSERT INTO risk_snapshots (customer_id, score, pd, grade, lifecycle_stage, region, declared_income, behaviour_value, on_time_repayment_months, overdue, as_of, recorded_at)
       SELECT x."customerId", x.score, x.pd, x.grade, x."lifecycleStage", x.region, x."declaredIncome", x."behaviourValue", x."onTimeRepaymentMonths", x.overdue, x."asOf", $2
       FROM jsonb_to_recordset($1::jsonb) AS x("customerId" text, score int, pd numeric, grade text, "lifecycleStage" text, region text, "declaredIncome" bigint,
            "behaviourValue" bigint, "onTimeRepaymentMonths" int, overdue boolean, "asOf" timestamptz)`,
      [JSON.stringify(snaps), at],
    );
    onProgress?.(Math.min(lines.length, i + CHUNK));
  }
}

export function allocationService(database: Database, clock: Clock, applyChunk?: number): AllocationService {
  return new AllocationService(new AllocationRepository(database.dataSource), new PolicyRepository(database.dataSource), clock, applyChunk);
}
