import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ErrorMessage } from './QueryState';

/** What stopped a form: its own check before sending, or the API's refusal after. */
export function FormProblems({ problem, error }: { problem: MessageKey | null; error: unknown }) {
  const { t } = useI18n();
  return (
    <>
      {problem && (
        <p role="alert" className="error">
          {t(problem)}
        </p>
      )}
      {error ? <ErrorMessage error={error} /> : null}
    </>
  );
}
