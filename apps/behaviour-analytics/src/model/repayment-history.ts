import type { Product } from '@jc/domain';

export const DAY_MS = 86_400_000;
/** Unpaid amounts older than this no longer move features or statements: the line is charged off by then. */
export const REPAYMENT_LOOKBACK_DAYS = 730;

export interface RepaymentRecord {
  product: Product;
  amount: number;
  dueDate: Date;
  paidAt: Date | null;
}

export interface Overdue {
  record: RepaymentRecord;
  /** Whole days the amount was (or still is, at asOf) past its due date; 0 when paid on time. */
  days: number;
  /** Still unpaid at asOf. */
  open: boolean;
  /** When it was paid, or cured by a later-due payment, by asOf; null while unpaid. */
  settledAt: Date | null;
}

/**
 * How late each due amount was at `asOf`. A missed amount rolls into the next statement of the
 * same product, so it is cured by the first later-due payment made by asOf; until then it stays
 * overdue. Events after asOf are treated as not having happened yet.
 */
export function overdueAt(records: readonly RepaymentRecord[], asOf: Date): Overdue[] {
  const at = asOf.getTime();
  const visible = records.filter((r) => r.dueDate.getTime() <= at || (r.paidAt !== null && r.paidAt.getTime() <= at));
  const byProduct = new Map<Product, RepaymentRecord[]>();
  for (const r of visible) byProduct.set(r.product, [...(byProduct.get(r.product) ?? []), r]);
  const result: Overdue[] = [];
  for (const list of byProduct.values()) {
    list.sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime());
    // Walking newest first keeps the earliest payment among later-due records at hand.
    let cureAt = Number.POSITIVE_INFINITY;
    for (let i = list.length - 1; i >= 0; i--) {
      const r = list[i]!;
      const paid = r.paidAt !== null && r.paidAt.getTime() <= at ? r.paidAt.getTime() : null;
      const settledAt = paid ?? (cureAt <= at ? cureAt : null);
      const end = settledAt ?? at;
      const days = Math.max(0, Math.floor((end - r.dueDate.getTime()) / DAY_MS));
      result.push({ record: r, days, open: settledAt === null && r.dueDate.getTime() < at, settledAt: settledAt === null ? null : new Date(settledAt) });
      if (paid !== null) cureAt = Math.min(cureAt, paid);
    }
  }
  return result;
}

/** Days the oldest still-unpaid amount is overdue at asOf; 0 when the customer is current. */
export function currentDaysPastDue(overdue: readonly Overdue[]): number {
  return overdue.reduce((worst, o) => (o.open ? Math.max(worst, o.days) : worst), 0);
}
