import { useQuery } from '@apollo/client/react';
import { Panel, Stat } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { showMoney, toFen } from '../../format/money';
import { UsageBars } from '../../components/UsageBars';
import { showDateTime } from '../../format/numbers';
import { CUSTOMER_LINE, type CreditLine } from '../../graphql/customer';
import { enumLabel } from '../../i18n/enum-labels';
import { useI18n } from '../../i18n/i18n';

function LineDetails({ line }: { line: CreditLine }) {
  const { t, locale } = useI18n();
  const bars = [
    ...[line.cashLoan, line.payLater].map((p) => ({ name: enumLabel(locale, p.product), used: p.used, held: p.held, available: p.available })),
    { name: t('joint'), used: line.jointUsed, held: line.jointHeld, available: line.jointAvailable },
  ].map((b) => ({ name: b.name, used: toFen(b.used), held: toFen(b.held), available: toFen(b.available) }));
  return (
    <>
      <p>{t('lineStatus', { status: enumLabel(locale, line.status) })}</p>
      <div className="stats">
        <Stat label={t('jointLimit')} value={showMoney(line.jointLimit)} testId="joint-limit" />
        <Stat label={t('effectiveJointLimit')} value={showMoney(line.effectiveJointLimit)} testId="effective-joint-limit" />
        <Stat label={t('available')} value={showMoney(line.jointAvailable)} />
      </div>
      <UsageBars label={t('lineTitle')} rows={bars} horizontal height={200} />
      <table>
        <thead>
          <tr>
            <th />
            <th>{t('limit')}</th>
            <th>{t('effectiveLimit')}</th>
            <th>{t('used')}</th>
            <th>{t('held')}</th>
            <th>{t('available')}</th>
          </tr>
        </thead>
        <tbody>
          {[line.cashLoan, line.payLater].map((p) => (
            <tr key={p.product}>
              <th>{enumLabel(locale, p.product)}</th>
              <td>{showMoney(p.limit)}</td>
              <td>{showMoney(p.effectiveLimit)}</td>
              <td>{showMoney(p.used)}</td>
              <td>{showMoney(p.held)}</td>
              <td>{showMoney(p.available)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('upliftsTitle')}</h3>
      {line.uplifts.length === 0 ? (
        <p>{t('upliftsNone')}</p>
      ) : (
        <ul data-testid="uplifts">
          {line.uplifts.map((u) => (
            <li key={u.id}>
              {u.amount != null ? `+${showMoney(u.amount)}` : `×${u.multiplier}`} · {u.products.map((p) => enumLabel(locale, p)).join(' / ')} ·{' '}
              {u.reason} · {showDateTime(u.startsAt, locale)} – {showDateTime(u.endsAt, locale)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function CreditLinePanel({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const { loading, error, data, refetch } = useQuery(CUSTOMER_LINE, { variables: { id: customerId } });
  return (
    <Panel title={t('lineTitle')} testId="line-panel">
      <QueryState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {({ customer }) => (customer?.creditLine ? <LineDetails line={customer.creditLine} /> : <p>{t('lineNone')}</p>)}
      </QueryState>
    </Panel>
  );
}
