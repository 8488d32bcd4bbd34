import { useQuery } from '@apollo/client/react';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import type { PeakWindow } from '../../graphql/campaigns';
import { PEAK_CALENDAR } from '../../graphql/campaigns';
import { enumLabel } from '../../i18n/enum-labels';
import { useI18n } from '../../i18n/i18n';
import { peakLabel } from '../../i18n/peak-label';

const YEAR_MS = 365 * 86_400_000;

/** The peaks of the coming year, so a campaign can be timed to one. */
export function PeakCalendar({ today, onPick }: { today: Date; onPick?: (peak: PeakWindow) => void }) {
  const { t, locale } = useI18n();
  const from = today.toISOString().slice(0, 10);
  const to = new Date(today.getTime() + YEAR_MS).toISOString().slice(0, 10);
  const { loading, error, data, refetch } = useQuery(PEAK_CALENDAR, { variables: { from, to } });
  return (
    <Panel title={t('peakCalendarTitle')} testId="peak-calendar">
      <QueryState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {({ peakPeriods }) =>
          peakPeriods.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <ul className="peaks">
              {peakPeriods.map((peak) => (
                <li key={peak.code + peak.start}>
                  <strong>{peakLabel(locale, peak)}</strong> {peak.start} – {peak.end} · ×{peak.multiplier} ·{' '}
                  {peak.products.map((p) => enumLabel(locale, p)).join(' / ')} · {enumLabel(locale, peak.source)}
                  {onPick && (
                    <button type="button" className="link" onClick={() => onPick(peak)}>
                      {t('peakCalendarUse')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Panel>
  );
}
