import { useQuery } from '@apollo/client/react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartBox, COLORS } from '../../components/charts';
import { Panel, Stat } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { showPercent, showRatio } from '../../format/numbers';
import { SCORE_MONITORING, type RegionCalibration, type ScoreBand } from '../../graphql/models';
import { useI18n } from '../../i18n/i18n';
import { regionLabel } from '../../i18n/region-label';

const signed = (x: number | null) => (x == null ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(2)}`);

function CalibrationTable({ rows }: { rows: RegionCalibration[] }) {
  const { t, locale } = useI18n();
  if (rows.length === 0) return <p className="muted">{t('noOutcomes')}</p>;
  return (
    <>
      <table data-testid="calibration-table">
        <thead>
          <tr>
            <th>{t('region')}</th>
            <th>{t('outcomes')}</th>
            <th>{t('defaults')}</th>
            <th>{t('expectedDefaultRate')}</th>
            <th>{t('observedDefaultRate')}</th>
            <th>z</th>
            <th>{t('logOddsShift')}</th>
            <th>{t('suggestedLogOddsShift')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.region}>
              <th>{regionLabel(locale, r.region)}</th>
              <td>{r.outcomes}</td>
              <td>{r.defaults}</td>
              <td>{showPercent(r.expectedDefaultRate)}</td>
              <td>{showPercent(r.observedDefaultRate)}</td>
              <td>{signed(r.z)}</td>
              <td>{signed(r.logOddsShift)}</td>
              <td>{signed(r.suggestedLogOddsShift)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('calibrationHint')}</p>
    </>
  );
}

const bandLabel = (b: ScoreBand) => (b.minScore == null ? `<${b.maxScore}` : b.maxScore == null ? `≥${b.minScore}` : `${b.minScore}–${b.maxScore}`);

export function MonitoringPanel({ version }: { version: string }) {
  const { t } = useI18n();
  const { loading, error, data, refetch } = useQuery(SCORE_MONITORING, { variables: { modelVersion: version } });
  return (
    <Panel title={t('monitoringTitle', { version })} testId="monitoring">
      <QueryState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {({ scoreMonitoring: m }) => (
          <>
            <div className="stats">
              <Stat label={t('psi')} value={showRatio(m.psi)} testId="psi" />
              <Stat label="AUC" value={showRatio(m.auc)} />
              <Stat label="KS" value={showRatio(m.ks)} />
              <Stat label={t('scoredCustomers')} value={m.scoredCustomers} />
              <Stat label={t('outcomes')} value={m.outcomes} />
              <Stat label={t('defaults')} value={m.defaults} />
              <Stat label={t('expectedDefaultRate')} value={showPercent(m.expectedDefaultRate)} />
              <Stat label={t('observedDefaultRate')} value={showPercent(m.observedDefaultRate)} />
            </div>
            <ChartBox label={t('distributionTitle')}>
              <BarChart data={m.scoreDistribution.map((b) => ({ band: bandLabel(b), share: b.share, trainingShare: b.trainingShare }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="band" />
                <YAxis tickFormatter={(v: number) => showPercent(v, 0)} />
                <Tooltip formatter={(v) => showPercent(Number(v))} />
                <Legend />
                <Bar dataKey="share" name={t('share')} fill={COLORS.challenger} />
                <Bar dataKey="trainingShare" name={t('trainingShare')} fill={COLORS.secondary} />
              </BarChart>
            </ChartBox>
            <h3>{t('calibrationTitle')}</h3>
            <CalibrationTable rows={m.calibrationByRegion} />
          </>
        )}
      </QueryState>
    </Panel>
  );
}
