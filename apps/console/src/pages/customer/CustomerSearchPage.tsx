import { isCustomerId } from '@jc/domain';
import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { CUSTOMER_LIST } from '../../graphql/customer';
import { useI18n } from '../../i18n/i18n';
import { regionLabel } from '../../i18n/region-label';

const PAGE_SIZE = 20;

export function CustomerSearchPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [id, setId] = useState('');
  const [invalid, setInvalid] = useState(false);
  // the cursors of the pages seen so far, so Previous goes back the way Next came (null: the first page)
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const list = useQuery(CUSTOMER_LIST, { variables: after ? { first: PAGE_SIZE, after } : { first: PAGE_SIZE } });
  const open = (event: FormEvent) => {
    event.preventDefault();
    const wanted = id.trim();
    setInvalid(!isCustomerId(wanted));
    if (isCustomerId(wanted)) void navigate(`/customers/${wanted}`);
  };
  return (
    <>
      <h1>{t('searchTitle')}</h1>
      <form onSubmit={open} className="search">
        <input
          name="customerId"
          aria-label={t('searchPlaceholder')}
          placeholder={t('searchPlaceholder')}
          value={id}
          onChange={(e) => setId(e.target.value)}
        />
        <button type="submit">{t('searchOpen')}</button>
      </form>
      {invalid && (
        <p role="alert" className="error">
          {t('searchInvalid')}
        </p>
      )}
      <Panel title={t('searchRecent')}>
        <QueryState loading={list.loading} error={list.error} data={list.data} onRetry={() => void list.refetch()}>
          {(data) => (
            <>
            <table>
              <thead>
                <tr>
                  <th>{t('colCustomer')}</th>
                  <th>{t('colRegion')}</th>
                  <th>{t('colScore')}</th>
                  <th>{t('colGrade')}</th>
                </tr>
              </thead>
              <tbody>
                {data.customers.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>
                      <Link to={`/customers/${node.id}`}>{node.id}</Link>
                    </td>
                    <td>{regionLabel(locale, node.region)}</td>
                    <td>{node.creditProfile?.score ?? '—'}</td>
                    <td>{node.creditProfile?.grade ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <nav className="pager" aria-label={t('searchRecent')}>
              <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                {t('pagePrevious')}
              </button>
              <span data-testid="customer-page">{t('pageNumber', { n: cursors.length })}</span>
              <button
                type="button"
                disabled={!data.customers.pageInfo.hasNextPage || !data.customers.pageInfo.endCursor}
                onClick={() => setCursors((c) => [...c, data.customers.pageInfo.endCursor])}
              >
                {t('pageNext')}
              </button>
            </nav>
            </>
          )}
        </QueryState>
      </Panel>
    </>
  );
}
