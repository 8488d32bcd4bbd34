import { useQuery } from '@apollo/client/react';
import { Panel, Stat } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
import { UsageBars, usageRow } from '../../components/UsageBars';
import { showMoney, toFen } from '../../format/money';
import { showPercent } from '../../format/numbers';
import { PORTFOLIO_SUMMARY, type PortfolioSummaryData } from '../../graphql/portfolio';
import { enumLabel } from '../../i18n/enum-labels';
import { useI18n } from '../../i18n/i18n';
import { regionLabel } from '../../i18n/region-label';
import { ExposureGroupChart } from './ExposureGroupChart';
import { PdHistogramPanel } from './PdHistogramPanel';

function Summary({ summary }: { summary: PortfolioSummaryData['portfolioSummary'] }) {
  const { t, locale } = useI18n();
  const products = summary.byProduct.map((p) => usageRow(enumLabel(locale, p.product), toFen(p.limit), toFen(p.used), toFen(p.held)));
  return (
    <>
      <div className="stats">
        <Stat label={t('lines')} value={summary.lines} testId="portfolio-lines" />
        <Stat label={t('grantedExposure')} value={showMoney(summary.grantedExposure)} testId="granted-exposure" />
        <Stat label={t('exposureBudget')} value={summary.exposureBudget ? showMoney(summary.exposureBudget) : t('noBudget')} />
        <Stat label={t('budgetUsed')} value={showPercent(summary.budgetUsed)} testId="budget-used" />
      </div>
      <div className="grid">
        <Panel title={t('byProductTitle')}>
          <UsageBars label={t('byProductTitle')} rows={products} />
        </Panel>
        <ExposureGroupChart title={t('byTierTitle')} groups={summary.byTier} />
        <ExposureGroupChart title={t('byStageTitle')} groups={summary.byStage} />
        <ExposureGroupChart title={t('byRegionTitle')} groups={summary.byRegion} labelOf={regionLabel} />
      </div>
    </>
  );
}

export function PortfolioPage() {
  const { t } = useI18n();
  const { loading, error, data, refetch } = useQuery(PORTFOLIO_SUMMARY);
  return (
    <>
      <h1>{t('portfolioTitle')}</h1>
      <QueryState loading={loading} error={error} data={data} onRetry={() => void refetch()}>
        {({ portfolioSummary }) => <Summary summary={portfolioSummary} />}
      </QueryState>
      <PdHistogramPanel />
    </>
  );
}
