import type { AllocationSimulation, AllocationTotals } from '../../src/graphql/allocation';
import type { Campaign, PeakWindow } from '../../src/graphql/campaigns';
import type { CustomerBehaviourData, CustomerLineData, CustomerScoreData, ProductLine } from '../../src/graphql/customer';
import type { ScoreMonitoring, ScoringModel } from '../../src/graphql/models';
import type { ExposureGroup, PortfolioSummaryData } from '../../src/graphql/portfolio';

/** A result type as the gateway sends it: every object may carry its __typename, which Apollo's cache reads. */
type Typed<T> = T extends (infer U)[] ? Typed<U>[] : T extends object ? { [K in keyof T]: Typed<T[K]> } & { __typename?: string } : T;

/** Response data shaped like the gateway's, with __typename as Apollo's cache asks for it. */
export function customerScore(id: string): Typed<CustomerScoreData> {
  return {
    customer: {
      __typename: 'Customer',
      id,
      region: '44',
      regionName: 'Guangdong',
      onboardedAt: '2025-01-02T00:00:00.000Z',
      creditProfile: {
        __typename: 'CreditProfile',
        score: 612,
        grade: 'B',
        probabilityOfDefault: 0.0423,
        modelVersion: 'm1',
        scoredAt: '2026-11-30T08:00:00.000Z',
        reasons: [
          { __typename: 'ScoreReason', code: 'DLQ_CUR', description: 'Currently late', descriptionZh: '当前逾期', pointsShortfall: 12 },
        ],
      },
      scoreHistory: {
        __typename: 'CreditScoreConnection',
        edges: [
          { __typename: 'CreditScoreEdge', node: { __typename: 'CreditProfile', score: 612, grade: 'B', probabilityOfDefault: 0.0423, scoredAt: '2026-11-30T08:00:00.000Z' } },
          { __typename: 'CreditScoreEdge', node: { __typename: 'CreditProfile', score: 598, grade: 'B', probabilityOfDefault: 0.05, scoredAt: '2026-10-30T08:00:00.000Z' } },
        ],
      },
    },
  };
}

export function customerBehaviour(id: string): Typed<CustomerBehaviourData> {
  return {
    customer: {
      __typename: 'Customer',
      id,
      behaviour: { __typename: 'BehaviourProfile', lifecycleStage: 'ACTIVE', currentDaysPastDue: 0, asOf: '2026-11-01T00:00:00.000Z' },
      statements: [
        { __typename: 'MonthlyStatement', month: '2026-11-01', statementBalance: '500.00', amountRepaid: '400.00', limit: null, delinquencyStatus: 0 },
        { __typename: 'MonthlyStatement', month: '2026-10-01', statementBalance: '400.00', amountRepaid: '400.00', limit: null, delinquencyStatus: -1 },
      ],
      stageHistory: {
        __typename: 'StageChangeConnection',
        edges: [
          {
            __typename: 'StageChangeEdge',
            cursor: 's1',
            node: { __typename: 'StageChange', at: '2026-02-01T00:00:00.000Z', from: 'NEW', to: 'ACTIVE', reason: 'first use' },
          },
        ],
        pageInfo: { __typename: 'PageInfo', endCursor: 's1', hasNextPage: false },
      },
      creditLine: { __typename: 'CreditLine', jointLimit: '10000.00' },
    },
  };
}

const productLine = (product: 'CASH_LOAN' | 'PAY_LATER', limit: string, used: string): Typed<ProductLine> => ({
  __typename: 'ProductLine',
  product,
  limit,
  effectiveLimit: limit,
  used,
  held: '0.00',
  available: limit,
});

export function customerLine(id: string, effectiveJointLimit = '11000.00'): Typed<CustomerLineData> {
  return {
    customer: {
      __typename: 'Customer',
      id,
      creditLine: {
        __typename: 'CreditLine',
        status: 'ACTIVE',
        jointLimit: '10000.00',
        effectiveJointLimit,
        jointUsed: '1234.56',
        jointHeld: '0.00',
        jointAvailable: '9765.44',
        cashLoan: productLine('CASH_LOAN', '6000.00', '0.00'),
        payLater: productLine('PAY_LATER', '10000.00', '1234.56'),
        uplifts: [
          {
            __typename: 'Uplift',
            id: 'u1',
            amount: '1000.00',
            multiplier: null,
            products: ['PAY_LATER'],
            reason: 'campaign: Double 11',
            startsAt: '2026-11-01T00:00:00.000Z',
            endsAt: '2026-11-12T00:00:00.000Z',
          },
        ],
      },
      limitHistory: {
        __typename: 'LimitDecisionConnection',
        edges: [
          {
            __typename: 'LimitDecisionEdge',
            cursor: 'd1',
            node: {
              __typename: 'LimitDecision',
              id: 'd1',
              decidedAt: '2026-06-01T00:00:00.000Z',
              trigger: 'REVIEW',
              direction: 'INCREASE',
              actor: 'policy',
              policyVersion: 3,
              reasonCodes: ['ON_TIME_12M'],
              before: { __typename: 'LimitTerms', jointLimit: '8000.00' },
              after: { __typename: 'LimitTerms', jointLimit: '10000.00', tier: 'STANDARD', status: 'ACTIVE' },
            },
          },
        ],
        pageInfo: { __typename: 'PageInfo', endCursor: 'd1', hasNextPage: false },
      },
    },
  };
}

const group = (key: string): Typed<ExposureGroup> => ({ __typename: 'ExposureGroup', key, lines: 2, exposure: '20000.00', used: '500.00', held: '100.00', utilisation: 0.03 });

export const portfolioSummary: Typed<PortfolioSummaryData> = {
  portfolioSummary: {
    __typename: 'PortfolioSummary',
    lines: 2,
    grantedExposure: '20000.00',
    exposureBudget: '40000.00',
    budgetUsed: 0.5,
    byProduct: [
      { __typename: 'ProductExposure', product: 'CASH_LOAN', limit: '12000.00', used: '0.00', held: '0.00', utilisation: 0 },
      { __typename: 'ProductExposure', product: 'PAY_LATER', limit: '20000.00', used: '500.00', held: '100.00', utilisation: 0.03 },
    ],
    byTier: [group('STANDARD')],
    byStage: [group('ACTIVE')],
    byRegion: [group('44')],
  },
};

export const campaign: Typed<Campaign> = {
  __typename: 'Campaign',
  id: '7',
  name: 'Double 11 boost',
  amount: '1000.00',
  multiplier: null,
  products: ['PAY_LATER'],
  startsAt: '2026-11-01T00:00:00.000Z',
  endsAt: '2026-11-12T00:00:00.000Z',
  linesTouched: 812,
  createdBy: 'dev-admin',
  createdAt: '2026-10-30T00:00:00.000Z',
  status: 'ENDED',
  cancelledAt: null,
  cancelledBy: null,
  cancelReason: null,
  eligibility: { __typename: 'CampaignEligibility', minGrade: null, tiers: null, stages: null, regions: null },
};

export const peaks: Typed<PeakWindow[]> = [
  { __typename: 'PeakWindow', code: 'DOUBLE_11', name: 'Double 11 (Singles Day)', start: '2027-11-01', end: '2027-11-11', multiplier: 2.5, products: ['PAY_LATER'], source: 'CALENDAR' },
];

export const models: Typed<ScoringModel[]> = [
  {
    __typename: 'ScoringModel',
    version: 'champ-1',
    status: 'CHAMPION',
    trainedAt: '2026-11-01T00:00:00.000Z',
    registeredAt: '2026-11-02T00:00:00.000Z',
    promotedAt: '2026-11-03T00:00:00.000Z',
    validationMetrics: { __typename: 'ModelMetrics', auc: 0.79, gini: 0.58, ks: 0.45, brier: 0.13, ece: 0.01, n: 4800 },
  },
  {
    __typename: 'ScoringModel',
    version: 'chall-2',
    status: 'CHALLENGER',
    trainedAt: '2026-11-20T00:00:00.000Z',
    registeredAt: '2026-11-21T00:00:00.000Z',
    promotedAt: null,
    validationMetrics: { __typename: 'ModelMetrics', auc: 0.81, gini: 0.62, ks: 0.47, brier: 0.12, ece: 0.01, n: 5000 },
  },
];

export const monitoring: Typed<ScoreMonitoring> = {
  __typename: 'ScoreMonitoring',
  modelVersion: 'champ-1',
  scoredCustomers: 1000,
  outcomes: 0,
  defaults: 0,
  psi: 0.4264,
  auc: null,
  ks: null,
  scoreDistribution: [
    { __typename: 'ScoreBand', minScore: null, maxScore: 480, count: 39, share: 0.039, trainingShare: 0.1 },
    { __typename: 'ScoreBand', minScore: 480, maxScore: null, count: 961, share: 0.961, trainingShare: 0.9 },
  ],
  expectedDefaultRate: null,
  observedDefaultRate: null,
  calibrationByRegion: [],
};

const totals = (exposure: string, raised: number): Typed<AllocationTotals> => ({
    __typename: 'AllocationTotals',
    lines: 1000,
    exposure,
    expectedProfit: '120000.00',
    expectedLoss: '30000.00',
    linesRaised: raised,
    linesLowered: 10,
    linesUnchanged: 1000 - raised - 10,
});

export function simulation(status: 'SIMULATED' | 'APPLIED' = 'SIMULATED', expectedLossCap: AllocationSimulation['expectedLossCap'] = null): Typed<AllocationSimulation> {
  return {
    __typename: 'AllocationSimulation',
    id: 'sim-1',
    method: 'OPTIMISER',
    policyVersion: null,
    budget: '15000000.00',
    status,
    createdBy: 'dev-analyst',
    createdAt: '2026-11-30T09:00:00.000Z',
    appliedAt: status === 'APPLIED' ? '2026-11-30T10:00:00.000Z' : null,
    challenger: totals('14900000.00', 300),
    champion: totals('16221500.00', 0),
    expectedLossCap: expectedLossCap && { __typename: 'AllocationExpectedLossCap', ...expectedLossCap },
    segments: [
      { __typename: 'AllocationSegmentResult', dimension: 'TIER', key: 'STANDARD', challenger: totals('14900000.00', 300), champion: totals('16221500.00', 0) },
    ],
  };
}
