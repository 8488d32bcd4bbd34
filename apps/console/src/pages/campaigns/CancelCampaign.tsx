import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { CAMPAIGNS, CANCEL_UPLIFT_CAMPAIGN } from '../../graphql/campaigns';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { cancelReasonProblem } from './cancel-reason';
import { FormProblems } from '../../components/FormProblems';

/** A campaign's Cancel action: asks for the reason the API records, then refreshes the list. */
export function CancelCampaign({ campaignId, name }: { campaignId: string; name: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [cancel, { loading, error, reset }] = useMutation(CANCEL_UPLIFT_CAMPAIGN, { refetchQueries: [CAMPAIGNS], awaitRefetchQueries: true });
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={`${t('cancelCampaign')}: ${name}`}>
        {t('cancelCampaign')}
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const found = cancelReasonProblem(reason);
    setProblem(found);
    if (found) return;
    // A refused cancellation shows as the mutation's error below.
    await cancel({ variables: { input: { campaignId, reason: reason.trim() } } }).catch(() => undefined);
  };
  return (
    <form onSubmit={submit} className="form" data-testid={`cancel-campaign-${campaignId}`}>
      <label>
        {t('cancelCampaignReason')}
        <input name="cancelReason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <FormProblems problem={problem} error={error} />
      <button type="submit" disabled={loading}>
        {loading ? t('cancelling') : t('cancelCampaignConfirm')}
      </button>
      <button type="button" onClick={() => setOpen(false)} disabled={loading}>
        {t('cancelCampaignKeep')}
      </button>
    </form>
  );
}
