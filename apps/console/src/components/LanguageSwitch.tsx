import { useI18n } from '../i18n/i18n';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <button type="button" className="language" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
      {t('language')}
    </button>
  );
}
