import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { canChangeData } from '../../auth/permissions';
import { useSignedIn } from '../../auth/SessionProvider';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { showDateTime, showRatio } from '../../format/numbers';
import { SCORING_MODELS, type ScoringModel } from '../../graphql/models';
import { useI18n } from '../../i18n/i18n';
import { MonitoringPanel } from './MonitoringPanel';
import { PromoteButton } from './PromoteButton';

function ModelTable({ models, selected, onSelect }: { models: ScoringModel[]; selected: string | null; onSelect: (version: string) => void }) {
  const { t, locale } = useI18n();
  const session = useSignedIn();
  return (
    <table data-testid="model-table">
      <thead>
        <tr>
          <th>{t('version')}</th>
          <th>{t('status')}</th>
          <th>{t('trainedAt')}</th>
          <th>{t('promotedAt')}</th>
          <th>AUC</th>
          <th>Gini</th>
          <th>KS</th>
          <th>Brier</th>
          <th>ECE</th>
          <th>n</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {models.map((m) => (
          <tr key={m.version} className={m.version === selected ? 'selected' : undefined}>
            <td>
              <button type="button" className="link" onClick={() => onSelect(m.version)}>
                {m.version}
              </button>
            </td>
            <td>{t(`modelStatus${m.status}`)}</td>
            <td>{showDateTime(m.trainedAt, locale)}</td>
            <td>{showDateTime(m.promotedAt, locale)}</td>
            <td>{showRatio(m.validationMetrics.auc)}</td>
            <td>{showRatio(m.validationMetrics.gini)}</td>
            <td>{showRatio(m.validationMetrics.ks)}</td>
            <td>{showRatio(m.validationMetrics.brier)}</td>
            <td>{showRatio(m.validationMetrics.ece)}</td>
            <td>{m.validationMetrics.n}</td>
            <td>{canChangeData(session) && m.status === 'CHALLENGER' && <PromoteButton version={m.version} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ModelsPage() {
  const { t } = useI18n();
  const [selected, setSelected] = useState<string | null>(null);
  const { loading, error, data, refetch } = useQuery(SCORING_MODELS);
  const shown = selected ?? data?.scoringModels[0]?.version ?? null;
  return (
    <>
      <h1>{t('modelsTitle')}</h1>
      <Panel title={t('metrics')}>
        <QueryState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
          {({ scoringModels }) => <ModelTable models={scoringModels} selected={shown} onSelect={setSelected} />}
        </QueryState>
      </Panel>
      {shown && <MonitoringPanel version={shown} />}
    </>
  );
}
