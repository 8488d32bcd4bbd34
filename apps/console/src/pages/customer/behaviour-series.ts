import { toFen } from '../../format/money';
import { monthLabel } from '../../format/numbers';
import type { CustomerBehaviourData, StageChange } from '../../graphql/customer';
import { STAGES } from '../../graphql/enums';
import type { LifecycleStage } from '../../graphql/types';

type Behaviour = NonNullable<CustomerBehaviourData['customer']>;

export interface MonthPoint {
  month: string;
  spend: number;
  repaid: number;
  /** Spend over the month's limit, or over today's joint limit while statements carry none; null without either. */
  utilisation: number | null;
}

/** Oldest month first, amounts in fen. */
export function monthlySeries(customer: Behaviour): MonthPoint[] {
  const currentLimit = customer.creditLine ? toFen(customer.creditLine.jointLimit) : null;
  return [...customer.statements].reverse().map((s) => {
    const spend = toFen(s.statementBalance);
    const limit = s.limit != null ? toFen(s.limit) : currentLimit;
    return { month: monthLabel(s.month), spend, repaid: toFen(s.amountRepaid), utilisation: limit ? spend / limit : null };
  });
}

/** Oldest change first, with the stage as its position in STAGES for a step chart. */
export function stageSeries(changes: StageChange[]): { at: string; stage: number; to: LifecycleStage }[] {
  return [...changes].reverse().map((c) => ({ at: c.at.slice(0, 10), stage: STAGES.indexOf(c.to), to: c.to }));
}
