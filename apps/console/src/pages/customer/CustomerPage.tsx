import { useParams } from 'react-router';
import { canOpenCustomer } from '../../auth/permissions';
import { useSignedIn } from '../../auth/SessionProvider';
import { Forbidden } from '../../components/Forbidden';
import { useI18n } from '../../i18n/i18n';
import { BehaviourPanel } from './BehaviourPanel';
import { CreditLinePanel } from './CreditLinePanel';
import { DecisionTimeline } from './DecisionTimeline';
import { ScorePanel } from './ScorePanel';

/** Customer 360: each panel queries on its own, so one slow or failing service leaves the others readable. */
export function CustomerPage() {
  const { id = '' } = useParams();
  const session = useSignedIn();
  const { t } = useI18n();
  if (!canOpenCustomer(session, id)) return <Forbidden />;
  return (
    <>
      <h1 data-testid="customer-title">{t('customerTitle', { id })}</h1>
      <div className="grid">
        <ScorePanel customerId={id} />
        <CreditLinePanel customerId={id} />
      </div>
      <BehaviourPanel customerId={id} />
      <DecisionTimeline customerId={id} />
    </>
  );
}
