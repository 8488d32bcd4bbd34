import { useState } from 'react';
import { canChangeData } from '../../auth/permissions';
import { useSignedIn } from '../../auth/SessionProvider';
import { useI18n } from '../../i18n/i18n';
import { CampaignList } from './CampaignList';
import { CreateCampaignForm } from './CreateCampaignForm';
import { PeakCalendar } from './PeakCalendar';

export function CampaignsPage({ now }: { now?: Date }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const [today] = useState(() => now ?? new Date());
  return (
    <>
      <h1>{t('campaignsTitle')}</h1>
      {canChangeData(session) ? <CreateCampaignForm now={today} /> : <PeakCalendar today={today} />}
      <CampaignList />
    </>
  );
}
