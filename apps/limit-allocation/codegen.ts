import type { CodegenConfig } from '@graphql-codegen/cli';
import { codegenConfig } from '../../infra/supergraph/src/codegen-config';

const config: CodegenConfig = codegenConfig({
  mappers: {
    Customer: '../model/customer-ref#CustomerRef',
    CreditLine: '../model/credit-line#LineAt',
    ProductLine: '../model/credit-line#ProductLineView',
    Uplift: '../model/uplift#UpliftRecord',
    Hold: '../model/utilisation#HoldRecord',
    LedgerEntry: '../model/utilisation#LedgerEntryRecord',
    AuthorizationResult: '../model/utilisation#AuthorizationOutcome',
    LimitDecision: '../db/decision-repository#DecisionRecord',
    LimitTerms: '../model/policy#LineTerms',
    RiskSnapshot: '../model/policy#RiskSnapshotRecord',
    Policy: '../db/policy-repository#PolicyVersion',
    Campaign: '../model/campaign#CampaignRecord',
    LimitProposal: '../services/decision-service#Proposal',
    PortfolioSummary: '../db/portfolio-repository#PortfolioTotals',
    ExposureGroup: '../db/portfolio-repository#ExposureGroupRecord',
    PortfolioBudget: '../model/portfolio#BudgetState',
  },
});

export default config;
