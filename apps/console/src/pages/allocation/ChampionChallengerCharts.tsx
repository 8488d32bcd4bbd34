import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartBox, COLORS } from '../../components/charts';
import { Stat } from '../../components/Panel';
import { axisMoney, showFen, showMoney, toFen } from '../../format/money';
import type { AllocationSimulation, AllocationTotals } from '../../graphql/allocation';
import { enumLabel } from '../../i18n/enum-labels';
import { useI18n, type Locale } from '../../i18n/i18n';
import { regionLabel } from '../../i18n/region-label';

const MONEY_MEASURES: ('exposure' | 'expectedProfit' | 'expectedLoss')[] = ['exposure', 'expectedProfit', 'expectedLoss'];
const LINE_MEASURES: ('linesRaised' | 'linesLowered' | 'linesUnchanged')[] = ['linesRaised', 'linesLowered', 'linesUnchanged'];
const DIMENSIONS = ['TIER', 'STAGE', 'REGION'] as const;

/** Champion and challenger bars per row; money rows are in fen. */
function CompareBars({ label, rows, money }: { label: string; rows: { name: string; champion: number; challenger: number }[]; money: boolean }) {
  const { t, locale } = useI18n();
  return (
    <ChartBox label={label}>
      <BarChart data={rows}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" />
        {money ? <YAxis tickFormatter={axisMoney(locale)} width={70} /> : <YAxis allowDecimals={false} />}
        <Tooltip formatter={money ? (v) => showFen(Number(v)) : undefined} />
        <Legend />
        <Bar dataKey="champion" name={t('champion')} fill={COLORS.champion} />
        <Bar dataKey="challenger" name={t('challenger')} fill={COLORS.challenger} />
      </BarChart>
    </ChartBox>
  );
}

function TotalsStats({ label, totals, testId }: { label: string; totals: AllocationTotals; testId: string }) {
  const { t } = useI18n();
  return (
    <div className="stats" data-testid={testId}>
      <strong>{label}</strong>
      {MONEY_MEASURES.map((m) => (
        <Stat key={m} label={t(m)} value={showMoney(totals[m])} />
      ))}
      <Stat label={t('lines')} value={totals.lines} />
    </div>
  );
}

/** Champion and challenger side by side: the totals, the line moves and each segment's exposure. */
export function ChampionChallengerCharts({ simulation }: { simulation: AllocationSimulation }) {
  const { t, locale } = useI18n();
  const { champion, challenger } = simulation;
  const moneyRows = MONEY_MEASURES.map((m) => ({ name: t(m), champion: toFen(champion[m]), challenger: toFen(challenger[m]) }));
  const lineRows = LINE_MEASURES.map((m) => ({ name: t(m), champion: champion[m], challenger: challenger[m] }));
  return (
    <>
      <TotalsStats label={t('champion')} totals={champion} testId="champion-totals" />
      <TotalsStats label={t('challenger')} totals={challenger} testId="challenger-totals" />
      <div className="grid">
        <CompareBars label={t('compareTitle')} rows={moneyRows} money />
        <CompareBars label={t('lines')} rows={lineRows} money={false} />
      </div>
      <div className="grid">
        {DIMENSIONS.map((dimension) => {
          const rows = simulation.segments
            .filter((s) => s.dimension === dimension)
            .map((s) => ({
              name: segmentLabel(locale, dimension, s.key),
              champion: toFen(s.champion.exposure),
              challenger: toFen(s.challenger.exposure),
            }));
          if (rows.length === 0) return null;
          const title = t('segmentsTitle', { dimension: t(`dimension${dimension}`) });
          return (
            <div key={dimension}>
              <h3>{title}</h3>
              <CompareBars label={title} rows={rows} money />
            </div>
          );
        })}
      </div>
    </>
  );
}

/** A segment's name: a region's province name in the console's language (UNKNOWN and the like as other keys), else the enum's label. */
export function segmentLabel(locale: Locale, dimension: string, key: string): string {
  const region = dimension === 'REGION' ? regionLabel(locale, key) : key;
  return region !== key ? region : enumLabel(locale, key);
}
