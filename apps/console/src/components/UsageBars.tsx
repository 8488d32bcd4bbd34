import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { axisMoney, showFen } from '../format/money';
import { useI18n } from '../i18n/i18n';
import { ChartBox, COLORS } from './charts';

/** Amounts in fen. */
export interface UsageRow {
  name: string;
  used: number;
  held: number;
  available: number;
}

/** Stacked used / held / available bars, the one picture of a limit the console uses everywhere. */
export function UsageBars({ label, rows, horizontal = false, height }: { label: string; rows: UsageRow[]; horizontal?: boolean; height?: number }) {
  const { t, locale } = useI18n();
  const money = axisMoney(locale);
  return (
    <ChartBox label={label} height={height}>
      <BarChart data={rows} layout={horizontal ? 'vertical' : 'horizontal'}>
        <CartesianGrid strokeDasharray="3 3" />
        {horizontal ? <XAxis type="number" tickFormatter={money} /> : <XAxis dataKey="name" />}
        {horizontal ? <YAxis type="category" dataKey="name" width={90} /> : <YAxis tickFormatter={money} width={70} />}
        <Tooltip formatter={(v) => showFen(Number(v))} />
        <Legend />
        <Bar dataKey="used" stackId="usage" name={t('used')} fill={COLORS.used} />
        <Bar dataKey="held" stackId="usage" name={t('held')} fill={COLORS.held} />
        <Bar dataKey="available" stackId="usage" name={t('available')} fill={COLORS.available} />
      </BarChart>
    </ChartBox>
  );
}

/** A limit's row: what is neither used nor held counts as available (never below zero). */
export function usageRow(name: string, limitFen: number, usedFen: number, heldFen: number): UsageRow {
  return { name, used: usedFen, held: heldFen, available: Math.max(limitFen - usedFen - heldFen, 0) };
}
