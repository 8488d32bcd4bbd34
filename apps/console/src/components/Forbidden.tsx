import { useI18n } from '../i18n/i18n';

export function Forbidden() {
  const { t } = useI18n();
  return (
    <p role="alert" className="error" data-testid="forbidden">
      {t('forbidden')}
    </p>
  );
}
