import { CheckboxGroup } from '../components/CheckboxGroup';
import { STAGES, TIERS } from '../graphql/enums';
import { useI18n } from '../i18n/i18n';
import type { SegmentForm } from './segment-filter';

export function SegmentFields({ form, onChange }: { form: SegmentForm; onChange: (change: Partial<SegmentForm>) => void }) {
  const { t } = useI18n();
  return (
    <>
      <CheckboxGroup legend={t('tiers')} name="tiers" options={TIERS} value={form.tiers} onChange={(v) => onChange({ tiers: v })} />
      <CheckboxGroup legend={t('stages')} name="stages" options={STAGES} value={form.stages} onChange={(v) => onChange({ stages: v })} />
      <label>
        {t('regions')}
        <input name="regions" value={form.regions} onChange={(e) => onChange({ regions: e.target.value })} />
      </label>
    </>
  );
}
