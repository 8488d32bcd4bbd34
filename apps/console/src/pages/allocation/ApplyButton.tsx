import { useMutation } from '@apollo/client/react';
import { ErrorMessage } from '../../components/QueryState';
import { ALLOCATION_SIMULATIONS, APPLY_ALLOCATION } from '../../graphql/allocation';
import { useI18n } from '../../i18n/i18n';

/** Only rendered for roles that may change data; applying writes real limit decisions, once. */
export function ApplyButton({
  simulationId,
  applied,
  confirm = window.confirm,
}: {
  simulationId: string;
  applied: boolean;
  confirm?: (text: string) => boolean;
}) {
  const { t } = useI18n();
  const [apply, { loading, error, data }] = useMutation(APPLY_ALLOCATION, { refetchQueries: [ALLOCATION_SIMULATIONS] });
  const result = data?.applyAllocation;
  return (
    <div>
      <button
        type="button"
        disabled={loading || applied}
        onClick={() => {
          if (confirm(t('applyConfirm'))) void apply({ variables: { simulationId } }).catch(() => undefined);
        }}
      >
        {loading ? t('applying') : t('apply')}
      </button>
      {error && <ErrorMessage error={error} />}
      {result && (
        <p role="status" className="success">
          {t('applied', { n: result.decisionsWritten, raised: result.linesRaised, lowered: result.linesLowered, skipped: result.linesSkipped })}
        </p>
      )}
    </div>
  );
}
