import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Panel } from '../../components/Panel';
import { ALLOCATION_SIMULATIONS, SIMULATE_ALLOCATION, type AllocationSimulation } from '../../graphql/allocation';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { SegmentFields } from '../SegmentFields';
import { allocationInput, EMPTY_ALLOCATION_FORM, type AllocationForm } from './allocation-form';
import { FormProblems } from '../../components/FormProblems';

export function SimulationForm({ onSimulated }: { onSimulated: (simulation: AllocationSimulation) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<AllocationForm>(EMPTY_ALLOCATION_FORM);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [simulate, { loading, error, reset }] = useMutation(SIMULATE_ALLOCATION, { refetchQueries: [ALLOCATION_SIMULATIONS] });
  const set = <K extends keyof AllocationForm>(key: K, value: AllocationForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const result = allocationInput(form);
    if ('problem' in result) return setProblem(result.problem);
    setProblem(null);
    const outcome = await simulate({ variables: { input: result.input } }).catch(() => null);
    if (outcome?.data) onSimulated(outcome.data.simulateAllocation);
  };
  return (
    <Panel title={t('allocationTitle')} testId="simulation-form">
      <form onSubmit={submit} className="form">
        <fieldset>
          <legend>{t('method')}</legend>
          {(['OPTIMISER', 'POLICY'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="method" checked={form.method === m} onChange={() => set('method', m)} />
              {t(`method${m}`)}
            </label>
          ))}
        </fieldset>
        {form.method === 'OPTIMISER' && (
          <label>
            <input type="checkbox" name="lossAtMostChampion" checked={form.lossAtMostChampion} onChange={(e) => set('lossAtMostChampion', e.target.checked)} />
            {t('lossAtMostChampion')}
          </label>
        )}
        {form.method === 'POLICY' && (
          <label>
            {t('policyVersionOptional')}
            <input name="policyVersion" inputMode="numeric" value={form.policyVersion} onChange={(e) => set('policyVersion', e.target.value)} />
          </label>
        )}
        <label>
          {t('budget')}
          <input name="budget" inputMode="decimal" value={form.budget} onChange={(e) => set('budget', e.target.value)} />
        </label>
        <SegmentFields form={form} onChange={(change) => setForm((f) => ({ ...f, ...change }))} />
        <FormProblems problem={problem} error={error} />
        <button type="submit" disabled={loading}>
          {loading ? t('simulating') : t('simulate')}
        </button>
      </form>
    </Panel>
  );
}
