import { useQuery } from '@apollo/client/react';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { ShowMore } from '../../components/ShowMore';
import { showMoney } from '../../format/money';
import { showDateTime } from '../../format/numbers';
import { CUSTOMER_LIMIT_HISTORY_PAGE, CUSTOMER_LINE, type LimitDecision } from '../../graphql/customer';
import { enumLabel } from '../../i18n/enum-labels';
import { useI18n } from '../../i18n/i18n';

function Decision({ decision }: { decision: LimitDecision }) {
  const { t, locale } = useI18n();
  return (
    <li className={`decision ${decision.direction.toLowerCase()}`}>
      <div>
        <strong>{showDateTime(decision.decidedAt, locale)}</strong> · {t('trigger')}: {enumLabel(locale, decision.trigger)} · {t('direction')}:{' '}
        {enumLabel(locale, decision.direction)}
      </div>
      <div>
        {t('limitChange', { before: showMoney(decision.before?.jointLimit), after: showMoney(decision.after.jointLimit) })} ·{' '}
        {enumLabel(locale, decision.after.tier)}
      </div>
      <div className="muted">
        {t('actor')}: {decision.actor} · {t('policyVersion')}: {decision.policyVersion ?? '—'}
      </div>
      {decision.reasonCodes.length > 0 && (
        <div>
          {t('reasonCodes')}:{' '}
          {decision.reasonCodes.map((code) => (
            <code key={code}>{code}</code>
          ))}
        </div>
      )}
    </li>
  );
}

export function DecisionTimeline({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const { loading, error, data, refetch, fetchMore } = useQuery(CUSTOMER_LINE, { variables: { id: customerId } });
  const showOlder = (after: string) => fetchMore({ query: CUSTOMER_LIMIT_HISTORY_PAGE, variables: { id: customerId, after } });
  return (
    <Panel title={t('decisionsTitle')} testId="decisions-panel">
      <QueryState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {({ customer }) =>
          !customer || customer.limitHistory.edges.length === 0 ? (
            <p>{t('decisionsNone')}</p>
          ) : (
            <>
              <ol className="timeline">
                {customer.limitHistory.edges.map(({ node }) => (
                  <Decision key={node.id} decision={node} />
                ))}
              </ol>
              <ShowMore pageInfo={customer.limitHistory.pageInfo} label={t('decisionsTitle')} onShowMore={showOlder} />
            </>
          )
        }
      </QueryState>
    </Panel>
  );
}
