import type { Minor } from '@jc/domain';
import type { MerchantCategory } from './events';
import { currentDaysPastDue, DAY_MS, type Overdue } from './repayment-history';

export const FEATURE_WINDOWS = [30, 90, 365] as const;

/** What the database sums up per customer and window; the rest is derived here. */
export interface WindowActivity {
  days: number;
  transactionCount: number;
  spend: Minor;
  activeDays: number;
  onlineCount: number;
  spendByCategory: Partial<Record<MerchantCategory, Minor>>;
}

export interface FeatureWindowRecord {
  days: number;
  transactionCount: number;
  spend: Minor;
  averageTicket: Minor;
  activeDays: number;
  onlineShare: number;
  categoryMix: { category: MerchantCategory; share: number }[];
  repaymentRatio: number | null;
  worstDaysPastDue: number;
}

export interface BehaviourFeatures {
  windows: FeatureWindowRecord[];
  currentDaysPastDue: number;
  monthsSinceFirstUse: number | null;
  /** Days since the last transaction of any kind; null when there is none. */
  daysSinceLastTransaction: number | null;
}

export interface FeatureInputs {
  asOf: Date;
  activity: readonly WindowActivity[];
  /** overdueAt(the customer's repayment records, asOf). */
  overdue: readonly Overdue[];
  firstUsedAt: Date | null;
  lastTransactionAt: Date | null;
}

export const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

export function wholeMonthsBetween(from: Date, to: Date): number {
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();
  const sameMonthLater = new Date(from.getTime());
  sameMonthLater.setUTCMonth(from.getUTCMonth() + months);
  if (sameMonthLater.getTime() > to.getTime()) months -= 1;
  return Math.max(0, months);
}

/**
 * Whether the amount was past due at some time in the window (since, asOf]: due by asOf and not
 * settled before the window began. Its days then are the most it reached in the window, so an
 * amount still unpaid counts in every window, however long ago it fell due.
 */
const pastDueWithin = (o: Overdue, since: number, asOf: Date): boolean =>
  o.record.dueDate.getTime() <= asOf.getTime() && (o.settledAt === null || o.settledAt.getTime() > since);

/** The most days any amount was past due at some time in the `days` before asOf. */
export function worstDaysPastDue(overdue: readonly Overdue[], days: number, asOf: Date): number {
  const since = asOf.getTime() - days * DAY_MS;
  return overdue.reduce((worst, o) => (pastDueWithin(o, since, asOf) ? Math.max(worst, o.days) : worst), 0);
}

/** Rolling features at asOf, from summed activity and how late each repayment record was. */
export function deriveFeatures(input: FeatureInputs): BehaviourFeatures {
  const { asOf, overdue } = input;
  const windows = FEATURE_WINDOWS.map((days): FeatureWindowRecord => {
    const a = input.activity.find((w) => w.days === days);
    const since = asOf.getTime() - days * DAY_MS;
    const due = overdue.filter((o) => o.record.dueDate.getTime() > since && o.record.dueDate.getTime() <= asOf.getTime());
    const dueAmount = due.reduce((sum, o) => sum + o.record.amount, 0);
    const paidAmount = due.reduce((sum, o) => (o.record.paidAt && o.record.paidAt <= o.record.dueDate ? sum + o.record.amount : sum), 0);
    const count = a?.transactionCount ?? 0;
    const spend = a?.spend ?? 0;
    const categoryMix = Object.entries(a?.spendByCategory ?? {})
      .map(([category, amount]) => ({ category: category as MerchantCategory, share: spend > 0 ? round4((amount ?? 0) / spend) : 0 }))
      .sort((x, y) => y.share - x.share || (x.category < y.category ? -1 : 1));
    return {
      days,
      transactionCount: count,
      spend,
      averageTicket: count > 0 ? Math.round(spend / count) : 0,
      activeDays: a?.activeDays ?? 0,
      onlineShare: count > 0 ? round4((a?.onlineCount ?? 0) / count) : 0,
      categoryMix,
      repaymentRatio: dueAmount > 0 ? round4(paidAmount / dueAmount) : null,
      worstDaysPastDue: worstDaysPastDue(overdue, days, asOf),
    };
  });
  return {
    windows,
    currentDaysPastDue: currentDaysPastDue(overdue),
    monthsSinceFirstUse: input.firstUsedAt ? wholeMonthsBetween(input.firstUsedAt, asOf) : null,
    daysSinceLastTransaction: input.lastTransactionAt ? Math.floor((asOf.getTime() - input.lastTransactionAt.getTime()) / DAY_MS) : null,
  };
}
