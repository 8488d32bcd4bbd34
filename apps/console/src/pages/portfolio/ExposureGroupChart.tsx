import { Panel } from '../../components/Panel';
import { UsageBars, usageRow } from '../../components/UsageBars';
import { showFen, toFen } from '../../format/money';
import { showPercent } from '../../format/numbers';
import type { ExposureGroup } from '../../graphql/portfolio';
import { enumLabel } from '../../i18n/enum-labels';
import { useI18n, type Locale } from '../../i18n/i18n';

/** Exposure split into used, held and unused per group, with utilisation in the table below. */
export function ExposureGroupChart({
  title,
  groups,
  labelOf = enumLabel,
}: {
  title: string;
  groups: ExposureGroup[];
  /** How a group's key reads: enum labels by default, province names for regions. */
  labelOf?: (locale: Locale, key: string) => string;
}) {
  const { t, locale } = useI18n();
  const rows = groups.map((g) => usageRow(labelOf(locale, g.key), toFen(g.exposure), toFen(g.used), toFen(g.held)));
  return (
    <Panel title={title}>
      <UsageBars label={title} rows={rows} />
      <table>
        <thead>
          <tr>
            <th />
            <th>{t('lines')}</th>
            <th>{t('exposure')}</th>
            <th>{t('utilisation')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g, i) => (
            <tr key={g.key}>
              <th>{rows[i]!.name}</th>
              <td>{g.lines}</td>
              <td>{showFen(toFen(g.exposure))}</td>
              <td>{showPercent(g.utilisation, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
