import source from './portfolio.graphql?raw';
import { operation } from './documents';
import type { Connection, Money, Product } from './types';

export interface ExposureGroup {
  key: string;
  lines: number;
  exposure: Money;
  used: Money;
  held: Money;
  utilisation: number;
}

export interface PortfolioSummaryData {
  portfolioSummary: {
    lines: number;
    grantedExposure: Money;
    exposureBudget: Money | null;
    budgetUsed: number | null;
    byProduct: { product: Product; limit: Money; used: Money; held: Money; utilisation: number }[];
    byTier: ExposureGroup[];
    byStage: ExposureGroup[];
    byRegion: ExposureGroup[];
  };
}

export interface PdPageData {
  customers: Connection<{ id: string; creditProfile: { probabilityOfDefault: number } | null }>;
}

export const PORTFOLIO_SUMMARY = operation<PortfolioSummaryData>(source, 'PortfolioSummary');
export const PD_PAGE = operation<PdPageData, { first: number; after?: string | null }>(source, 'PdPage');
