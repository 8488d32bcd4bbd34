import { useQuery } from '@apollo/client/react';
import { canChangeData } from '../../auth/permissions';
import { useSignedIn } from '../../auth/SessionProvider';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { ShowMore } from '../../components/ShowMore';
import { showMoney } from '../../format/money';
import { showDateTime } from '../../format/numbers';
import { CAMPAIGNS, type Campaign } from '../../graphql/campaigns';
import { enumLabel } from '../../i18n/enum-labels';
import { useI18n } from '../../i18n/i18n';
import { CancelCampaign } from './CancelCampaign';
import { isCancellable } from './cancel-reason';

function CampaignTable({ campaigns, admin }: { campaigns: Campaign[]; admin: boolean }) {
  const { t, locale } = useI18n();
  return (
    <table>
      <thead>
        <tr>
          <th>{t('campaignName')}</th>
          <th>{t('products')}</th>
          <th>{t('amountOrMultiplier')}</th>
          <th>{t('period')}</th>
          <th>{t('linesTouched')}</th>
          <th>{t('createdBy')}</th>
          <th>{t('campaignStatus')}</th>
          {admin && <th />}
        </tr>
      </thead>
      <tbody>
        {campaigns.map((c) => (
          <tr key={c.id}>
            <td>{c.name}</td>
            <td>{c.products.map((p) => enumLabel(locale, p)).join(' / ')}</td>
            <td>{c.amount != null ? `+${showMoney(c.amount)}` : `×${c.multiplier}`}</td>
            <td>
              {showDateTime(c.startsAt, locale)} – {showDateTime(c.endsAt, locale)}
            </td>
            <td data-testid="lines-touched">{c.linesTouched}</td>
            <td>{c.createdBy}</td>
            <td data-testid="campaign-status">
              {t(`campaignStatus${c.status}`)}
              {c.cancelledAt && (
                <small className="muted">
                  {' '}
                  {t('campaignCancelledBy', { who: c.cancelledBy ?? '—', at: showDateTime(c.cancelledAt, locale), reason: c.cancelReason ?? '' })}
                </small>
              )}
            </td>
            {admin && <td>{isCancellable(c.status) && <CancelCampaign campaignId={c.id} name={c.name} />}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CampaignList() {
  const { t } = useI18n();
  const admin = canChangeData(useSignedIn());
  const { loading, error, data, refetch, fetchMore } = useQuery(CAMPAIGNS, { variables: { first: 20 } });
  return (
    <Panel title={t('campaignsTitle')} testId="campaign-list">
      <QueryState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {({ campaigns }) =>
          campaigns.edges.length === 0 ? (
            <p>{t('campaignsNone')}</p>
          ) : (
            <>
              <CampaignTable campaigns={campaigns.edges.map((e) => e.node)} admin={admin} />
              <ShowMore pageInfo={campaigns.pageInfo} label={t('campaignsTitle')} onShowMore={(after) => fetchMore({ variables: { after } })} />
            </>
          )
        }
      </QueryState>
    </Panel>
  );
}
