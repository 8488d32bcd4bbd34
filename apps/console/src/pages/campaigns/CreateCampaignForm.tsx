import { useMutation } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { Panel } from '../../components/Panel';
import { CAMPAIGNS, CREATE_UPLIFT_CAMPAIGN, type PeakWindow } from '../../graphql/campaigns';
import { GRADES, PRODUCTS } from '../../graphql/enums';
import type { RiskGrade } from '../../graphql/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { SegmentFields } from '../SegmentFields';
import { PeakCalendar } from './PeakCalendar';
import { campaignInput, emptyCampaignForm, withRequestKey, type CampaignForm, type SentRequest } from './campaign-form';
import { FormProblems } from '../../components/FormProblems';

export function CreateCampaignForm({ now }: { now: Date }) {
  const { t } = useI18n();
  const [form, setForm] = useState<CampaignForm>(() => emptyCampaignForm(now));
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const lastSent = useRef<SentRequest | null>(null);
  const [create, { loading, error, data, reset }] = useMutation(CREATE_UPLIFT_CAMPAIGN, {
    refetchQueries: [CAMPAIGNS],
    awaitRefetchQueries: true,
  });
  const set = <K extends keyof CampaignForm>(key: K, value: CampaignForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const applyPeak = (peak: PeakWindow) =>
    setForm((f) => ({ ...f, startsAt: `${peak.start}T00:00`, endsAt: `${peak.end}T23:59`, products: peak.products }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const result = campaignInput(form);
    if ('problem' in result) return setProblem(result.problem);
    setProblem(null);
    const { input, sent } = withRequestKey(result.input, lastSent.current);
    lastSent.current = sent;
    // A refused campaign shows as the mutation's error below.
    await create({ variables: { input } }).catch(() => undefined);
  };
  const created = data?.createUpliftCampaign;
  return (
    <div className="grid">
      <Panel title={t('createCampaignTitle')} testId="create-campaign">
        <form onSubmit={submit} className="form">
          <label>
            {t('campaignName')}
            <input name="name" value={form.name} onChange={(e) => set('name', e.target.value)} />
          </label>
          <CheckboxGroup legend={t('products')} name="products" options={PRODUCTS} value={form.products} onChange={(v) => set('products', v)} />
          <fieldset>
            <legend>{t('upliftKind')}</legend>
            <label>
              <input type="radio" name="kind" checked={form.kind === 'amount'} onChange={() => set('kind', 'amount')} />
              {t('byAmount')}
            </label>
            <label>
              <input type="radio" name="kind" checked={form.kind === 'multiplier'} onChange={() => set('kind', 'multiplier')} />
              {t('byMultiplier')}
            </label>
          </fieldset>
          {form.kind === 'amount' ? (
            <label>
              {t('amount')}
              <input name="amount" inputMode="decimal" value={form.amount} onChange={(e) => set('amount', e.target.value)} />
            </label>
          ) : (
            <label>
              {t('multiplier')}
              <input name="multiplier" inputMode="decimal" value={form.multiplier} onChange={(e) => set('multiplier', e.target.value)} />
            </label>
          )}
          <label>
            {t('startsAt')} (UTC)
            <input name="startsAt" type="datetime-local" value={form.startsAt} onChange={(e) => set('startsAt', e.target.value)} />
          </label>
          <label>
            {t('endsAt')} (UTC)
            <input name="endsAt" type="datetime-local" value={form.endsAt} onChange={(e) => set('endsAt', e.target.value)} />
          </label>
          <fieldset>
            <legend>{t('eligibility')}</legend>
            <label>
              {t('minGrade')}
              <select name="minGrade" value={form.minGrade} onChange={(e) => set('minGrade', e.target.value as RiskGrade | '')}>
                <option value="">{t('any')}</option>
                {GRADES.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </label>
            <SegmentFields form={form} onChange={(change) => setForm((f) => ({ ...f, ...change }))} />
          </fieldset>
          <FormProblems problem={problem} error={error} />
          {created && (
            <p role="status" className="success" data-testid="campaign-created">
              {t('campaignCreated', { name: created.name, n: created.linesTouched })}
            </p>
          )}
          <button type="submit" disabled={loading}>
            {loading ? t('creating') : t('create')}
          </button>
        </form>
      </Panel>
      <PeakCalendar today={now} onPick={applyPeak} />
    </div>
  );
}
