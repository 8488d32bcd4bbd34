import { useQuery } from '@apollo/client/react';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { ShowMore } from '../../components/ShowMore';
import { showMoney } from '../../format/money';
import { showDateTime } from '../../format/numbers';
import { ALLOCATION_SIMULATIONS, type AllocationSimulationSummary } from '../../graphql/allocation';
import { useI18n } from '../../i18n/i18n';

interface SimulationTableProps {
  simulations: AllocationSimulationSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

function SimulationTable({ simulations, selectedId, onSelect }: SimulationTableProps) {
  const { t, locale } = useI18n();
  return (
    <table>
      <thead>
        <tr>
          <th>{t('createdAt')}</th>
          <th>{t('method')}</th>
          <th>{t('budget')}</th>
          <th>{t('status')}</th>
          <th>{t('createdBy')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {simulations.map((s) => (
          <tr key={s.id} className={s.id === selectedId ? 'selected' : undefined}>
            <td>{showDateTime(s.createdAt, locale)}</td>
            <td>{t(`method${s.method}`)}</td>
            <td>{showMoney(s.budget)}</td>
            <td>{t(`status${s.status}`)}</td>
            <td>{s.createdBy}</td>
            <td>
              <button type="button" className="link" onClick={() => onSelect(s.id)}>
                {t('view')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Past simulations, newest first, as summaries: a page of full simulations exceeds the gateway's cost limit. */
export function SimulationList({ selectedId, onSelect }: Omit<SimulationTableProps, 'simulations'>) {
  const { t } = useI18n();
  const { loading, error, data, refetch, fetchMore } = useQuery(ALLOCATION_SIMULATIONS, { variables: { first: 20 } });
  return (
    <Panel title={t('simulationsTitle')} testId="simulation-list">
      <QueryState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {({ allocationSimulations }) =>
          allocationSimulations.edges.length === 0 ? (
            <p>{t('simulationsNone')}</p>
          ) : (
            <>
              <SimulationTable simulations={allocationSimulations.edges.map((e) => e.node)} selectedId={selectedId} onSelect={onSelect} />
              <ShowMore
                pageInfo={allocationSimulations.pageInfo}
                label={t('simulationsTitle')}
                onShowMore={(after) => fetchMore({ variables: { after } })}
              />
            </>
          )
        }
      </QueryState>
    </Panel>
  );
}
