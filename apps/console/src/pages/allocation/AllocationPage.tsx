import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { canChangeData } from '../../auth/permissions';
import { useSignedIn } from '../../auth/SessionProvider';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { showMoney } from '../../format/money';
import { showDateTime } from '../../format/numbers';
import { ALLOCATION_SIMULATION } from '../../graphql/allocation';
import { useI18n } from '../../i18n/i18n';
import { ApplyButton } from './ApplyButton';
import { ChampionChallengerCharts } from './ChampionChallengerCharts';
import { SimulationForm } from './SimulationForm';
import { SimulationList } from './SimulationList';

function SimulationResult({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const session = useSignedIn();
  const { loading, error, data, refetch } = useQuery(ALLOCATION_SIMULATION, { variables: { id } });
  return (
    <Panel title={`${t('compareTitle')} · ${id}`} testId="simulation-result">
      <QueryState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {({ allocationSimulation: simulation }) =>
          !simulation ? (
            <p>{t('empty')}</p>
          ) : (
            <>
              <p className="muted">
                {t(`method${simulation.method}`)}
                {simulation.policyVersion !== null && <span data-testid="simulation-policy-version"> · {t('policyVersion')} {simulation.policyVersion}</span>} · {t('budget')}:{' '}
                {showMoney(simulation.budget)} · {t('status')}:{' '}
                <span data-testid="simulation-status">{t(`status${simulation.status}`)}</span> · {showDateTime(simulation.createdAt, locale)}
              </p>
              {simulation.expectedLossCap && (
                <p className="muted" data-testid="expected-loss-cap">
                  {t('expectedLossCap')}: ≤ {showMoney(simulation.expectedLossCap.max)} · {t('expectedLossShadowPrice')}: {simulation.expectedLossCap.shadowPrice.toFixed(3)}
                </p>
              )}
              <ChampionChallengerCharts simulation={simulation} />
              {canChangeData(session) && <ApplyButton key={id} simulationId={id} applied={simulation.status === 'APPLIED'} />}
            </>
          )
        }
      </QueryState>
    </Panel>
  );
}

export function AllocationPage() {
  const { t } = useI18n();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  return (
    <>
      <h1>{t('allocationTitle')}</h1>
      <SimulationForm onSimulated={(simulation) => setSelectedId(simulation.id)} />
      {selectedId && <SimulationResult id={selectedId} />}
      <SimulationList selectedId={selectedId} onSelect={setSelectedId} />
    </>
  );
}
