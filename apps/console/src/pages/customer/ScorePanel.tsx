import { useQuery } from '@apollo/client/react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartBox, COLORS } from '../../components/charts';
import { Panel, Stat } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { showDate, showDateTime, showPercent } from '../../format/numbers';
import { CUSTOMER_SCORE, type CustomerScoreData } from '../../graphql/customer';
import { useI18n } from '../../i18n/i18n';
import { regionLabel } from '../../i18n/region-label';

type ScoredCustomer = NonNullable<CustomerScoreData['customer']>;

function ScoreDetails({ customer }: { customer: ScoredCustomer }) {
  const { t, locale } = useI18n();
  const profile = customer.creditProfile;
  const history = [...customer.scoreHistory.edges].reverse().map(({ node }) => ({ at: showDate(node.scoredAt, locale), score: node.score }));
  return (
    <>
      <p className="muted">{t('customerSince', { date: showDate(customer.onboardedAt, locale), region: regionLabel(locale, customer.region) })}</p>
      {!profile ? (
        <p>{t('scoreNone')}</p>
      ) : (
        <>
          <div className="stats">
            <Stat label={t('score')} value={profile.score} testId="score" />
            <Stat label={t('grade')} value={profile.grade} testId="grade" />
            <Stat label={t('pd')} value={showPercent(profile.probabilityOfDefault, 2)} testId="pd" />
          </div>
          <p className="muted">
            {t('modelVersion')}: {profile.modelVersion} · {t('scoredAt')}: {showDateTime(profile.scoredAt, locale)}
          </p>
          <h3>{t('reasonsTitle')}</h3>
          <ol className="reasons" data-testid="reason-codes">
            {profile.reasons.map((r) => (
              <li key={r.code}>
                <code>{r.code}</code> {locale === 'en' ? r.description : r.descriptionZh} ·{' '}
                {t('pointsShortfall', { points: r.pointsShortfall })}
              </li>
            ))}
          </ol>
        </>
      )}
      {history.length > 1 && (
        <ChartBox label={t('scoreHistoryTitle')} height={160}>
          <LineChart data={history}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="at" />
            <YAxis domain={['auto', 'auto']} />
            <Tooltip />
            <Line type="monotone" dataKey="score" name={t('score')} stroke={COLORS.primary} />
          </LineChart>
        </ChartBox>
      )}
    </>
  );
}

export function ScorePanel({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const { loading, error, data, refetch } = useQuery(CUSTOMER_SCORE, { variables: { id: customerId } });
  return (
    <Panel title={t('scoreTitle')} testId="score-panel">
      <QueryState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {({ customer }) => (customer ? <ScoreDetails customer={customer} /> : <p>{t('notFound')}</p>)}
      </QueryState>
    </Panel>
  );
}
