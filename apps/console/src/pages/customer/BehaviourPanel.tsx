import { useQuery } from '@apollo/client/react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartBox, COLORS } from '../../components/charts';
import { Panel, Stat } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { ShowMore } from '../../components/ShowMore';
import { axisMoney, showFen } from '../../format/money';
import { showDateTime, showPercent } from '../../format/numbers';
import { CUSTOMER_BEHAVIOUR, CUSTOMER_STAGE_HISTORY_PAGE, type CustomerBehaviourData, type StageChange } from '../../graphql/customer';
import type { PagedConnection } from '../../graphql/types';
import { enumLabel } from '../../i18n/enum-labels';
import { useI18n } from '../../i18n/i18n';
import { STAGES } from '../../graphql/enums';
import { monthlySeries, stageSeries } from './behaviour-series';

function StageHistory({ history, onShowMore }: { history: PagedConnection<StageChange>; onShowMore: (after: string) => Promise<unknown> }) {
  const { t, locale } = useI18n();
  const changes = history.edges.map((e) => e.node);
  const stages = stageSeries(changes);
  return (
    <>
      <h3>{t('stageHistoryTitle')}</h3>
      {stages.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <div className="grid">
          <ChartBox label={t('stageHistoryTitle')} height={180}>
            <LineChart data={stages}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="at" />
              <YAxis
                domain={[0, STAGES.length - 1]}
                ticks={STAGES.map((_, i) => i)}
                tickFormatter={(i: number) => enumLabel(locale, STAGES[i])}
                width={80}
              />
              <Tooltip formatter={(i) => enumLabel(locale, STAGES[Number(i)])} />
              <Line type="stepAfter" dataKey="stage" name={t('stage')} stroke={COLORS.primary} />
            </LineChart>
          </ChartBox>
          <div>
            <ul className="timeline" data-testid="stage-history">
              {changes.map((c) => (
                <li key={c.at + c.to}>
                  {showDateTime(c.at, locale)} · {t('stageFromTo', { from: enumLabel(locale, c.from), to: enumLabel(locale, c.to) })} ·{' '}
                  {c.reason}
                </li>
              ))}
            </ul>
            <ShowMore pageInfo={history.pageInfo} label={t('stageHistoryTitle')} onShowMore={onShowMore} />
          </div>
        </div>
      )}
    </>
  );
}

function BehaviourCharts({ customer }: { customer: NonNullable<CustomerBehaviourData['customer']> }) {
  const { t, locale } = useI18n();
  const months = monthlySeries(customer);
  const money = (v: unknown) => showFen(Number(v));
  return (
    <>
      <div className="stats">
        <Stat label={t('stage')} value={enumLabel(locale, customer.behaviour.lifecycleStage)} testId="stage" />
        <Stat label={t('daysPastDue')} value={customer.behaviour.currentDaysPastDue} />
      </div>
      <div className="grid">
        <div>
          <h3>{t('spendRepaymentTitle')}</h3>
          <ChartBox label={t('spendRepaymentTitle')}>
            <BarChart data={months}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" />
              <YAxis tickFormatter={axisMoney(locale)} width={70} />
              <Tooltip formatter={money} />
              <Legend />
              <Bar dataKey="spend" name={t('spend')} fill={COLORS.spend} />
              <Bar dataKey="repaid" name={t('repaid')} fill={COLORS.repaid} />
            </BarChart>
          </ChartBox>
        </div>
        <div>
          <h3>{t('utilisationTitle')}</h3>
          <ChartBox label={t('utilisationTitle')}>
            <LineChart data={months}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" />
              <YAxis tickFormatter={(v: number) => showPercent(v, 0)} />
              <Tooltip formatter={(v) => showPercent(Number(v))} />
              <Line type="monotone" dataKey="utilisation" name={t('utilisation')} stroke={COLORS.used} connectNulls />
            </LineChart>
          </ChartBox>
        </div>
      </div>
    </>
  );
}

export function BehaviourPanel({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const { loading, error, data, refetch, fetchMore } = useQuery(CUSTOMER_BEHAVIOUR, { variables: { id: customerId } });
  const showOlder = (after: string) => fetchMore({ query: CUSTOMER_STAGE_HISTORY_PAGE, variables: { id: customerId, after } });
  return (
    <Panel title={t('behaviourTitle')} testId="behaviour-panel">
      <QueryState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {({ customer }) =>
          customer ? (
            <>
              <BehaviourCharts customer={customer} />
              <StageHistory history={customer.stageHistory} onShowMore={showOlder} />
            </>
          ) : (
            <p>{t('notFound')}</p>
          )
        }
      </QueryState>
    </Panel>
  );
}
