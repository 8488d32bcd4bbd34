import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartBox, COLORS } from '../../components/charts';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/i18n';
import { pdHistogram } from './pd-histogram';
import { usePdSample } from './usePdSample';

export function PdHistogramPanel() {
  const { t } = useI18n();
  const { loading, error, pds } = usePdSample();
  return (
    <Panel title={t('pdHistogramTitle')} testId="pd-histogram">
      <QueryState loading={loading} error={error} data={pds}>
        {(values) => (
          <>
            <p className="muted">{t('pdHistogramBasis', { n: values.length })}</p>
            <ChartBox label={t('pdHistogramTitle')}>
              <BarChart data={pdHistogram(values)}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Bar dataKey="customers" name={t('customers')} fill={COLORS.primary} />
              </BarChart>
            </ChartBox>
          </>
        )}
      </QueryState>
    </Panel>
  );
}
