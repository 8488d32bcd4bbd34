import { useMutation } from '@apollo/client/react';
import { ErrorMessage } from '../../components/QueryState';
import { PROMOTE_MODEL, SCORING_MODELS } from '../../graphql/models';
import { useI18n } from '../../i18n/i18n';

export function PromoteButton({ version, confirm = window.confirm }: { version: string; confirm?: (text: string) => boolean }) {
  const { t } = useI18n();
  const [promote, { loading, error }] = useMutation(PROMOTE_MODEL, { variables: { version }, refetchQueries: [SCORING_MODELS] });
  return (
    <>
      <button
        type="button"
        disabled={loading}
        onClick={() => {
          if (confirm(t('promoteConfirm', { version }))) void promote().catch(() => undefined);
        }}
      >
        {loading ? t('promoting') : t('promote')}
      </button>
      {error && <ErrorMessage error={error} />}
    </>
  );
}
