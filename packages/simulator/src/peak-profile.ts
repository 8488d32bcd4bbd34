import { fixedPeakPeriods, type PeakPeriod } from '@jc/domain';
import { dayToDate } from './dates';

/**
 * Day-by-day volume multipliers from the peak calendar, computed once per simulation and shared by
 * every customer. Purchases follow every peak; cash drawdowns only the peaks that call for
 * CASH_LOAN; shopping festivals also shift purchases online and towards goods.
 */
export interface PeakProfile {
  firstDay: number;
  lastDay: number;
  periods: PeakPeriod[];
  purchase: Float64Array;
  cash: Float64Array;
  shoppingFestival: Uint8Array;
}

const SHOPPING_FESTIVALS = new Set(['DOUBLE_11', 'MID_YEAR_618']);

export function buildPeakProfile(firstDay: number, lastDay: number): PeakProfile {
  const length = lastDay - firstDay + 1;
  const purchase = new Float64Array(length).fill(1);
  const cash = new Float64Array(length).fill(1);
  const shoppingFestival = new Uint8Array(length);
  const periods = fixedPeakPeriods(dayToDate(firstDay), dayToDate(lastDay));
  for (const period of periods) {
    const start = Math.max(firstDay, Date.parse(`${period.start}T00:00:00Z`) / 86_400_000);
    const end = Math.min(lastDay, Date.parse(`${period.end}T00:00:00Z`) / 86_400_000);
    for (let day = start; day <= end; day++) {
      const i = day - firstDay;
      purchase[i] = Math.max(purchase[i] as number, period.multiplier);
      if (period.products.includes('CASH_LOAN')) cash[i] = Math.max(cash[i] as number, period.multiplier);
      if (SHOPPING_FESTIVALS.has(period.code)) shoppingFestival[i] = 1;
    }
  }
  return { firstDay, lastDay, periods, purchase, cash, shoppingFestival };
}
