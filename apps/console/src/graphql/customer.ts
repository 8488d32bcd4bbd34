import source from './customer.graphql?raw';
import { operation } from './documents';
import type { Connection, CustomerTier, LifecycleStage, Money, PagedConnection, Product, RiskGrade } from './types';

export interface CustomerListData {
  customers: Connection<{ id: string; region: string; creditProfile: { score: number; grade: RiskGrade } | null }> & { pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

export interface ScoreReason {
  code: string;
  description: string;
  descriptionZh: string;
  pointsShortfall: number;
}

export interface CustomerScoreData {
  customer: {
    id: string;
    region: string;
    /** Always the English name: the console names the region from `region` in its own language. */
    regionName: string;
    onboardedAt: string;
    creditProfile: {
      score: number;
      grade: RiskGrade;
      probabilityOfDefault: number;
      modelVersion: string;
      scoredAt: string;
      reasons: ScoreReason[];
    } | null;
    scoreHistory: Connection<{ score: number; grade: RiskGrade; probabilityOfDefault: number; scoredAt: string }>;
  } | null;
}

export interface Statement {
  month: string;
  statementBalance: Money;
  amountRepaid: Money;
  limit: Money | null;
  delinquencyStatus: number;
}

export interface StageChange {
  at: string;
  from: LifecycleStage | null;
  to: LifecycleStage;
  reason: string;
}

export interface CustomerBehaviourData {
  customer: {
    id: string;
    behaviour: { lifecycleStage: LifecycleStage; currentDaysPastDue: number; asOf: string | null };
    statements: Statement[];
    stageHistory: PagedConnection<StageChange>;
    creditLine: { jointLimit: Money } | null;
  } | null;
}

export interface ProductLine {
  product: Product;
  limit: Money;
  effectiveLimit: Money;
  used: Money;
  held: Money;
  available: Money;
}

export interface Uplift {
  id: string;
  amount: Money | null;
  multiplier: number | null;
  products: Product[];
  reason: string;
  startsAt: string;
  endsAt: string;
}

export interface LimitDecision {
  id: string;
  decidedAt: string;
  trigger: string;
  direction: 'INCREASE' | 'DECREASE' | 'MIXED' | 'UNCHANGED';
  actor: string;
  policyVersion: number | null;
  reasonCodes: string[];
  before: { jointLimit: Money } | null;
  after: { jointLimit: Money; tier: CustomerTier; status: string | null };
}

export interface CreditLine {
  status: 'ACTIVE' | 'FROZEN' | 'CLOSED';
  jointLimit: Money;
  effectiveJointLimit: Money;
  jointUsed: Money;
  jointHeld: Money;
  jointAvailable: Money;
  cashLoan: ProductLine;
  payLater: ProductLine;
  uplifts: Uplift[];
}

export interface CustomerLineData {
  customer: { id: string; creditLine: CreditLine | null; limitHistory: PagedConnection<LimitDecision> } | null;
}

type ById = { id: string };
export const CUSTOMER_LIST = operation<CustomerListData, { first: number; after?: string | null }>(source, 'CustomerList');
export const CUSTOMER_SCORE = operation<CustomerScoreData, ById>(source, 'CustomerScore');
export const CUSTOMER_BEHAVIOUR = operation<CustomerBehaviourData, ById>(source, 'CustomerBehaviour');
export const CUSTOMER_LINE = operation<CustomerLineData, ById>(source, 'CustomerLine');

type ByIdAfter = ById & { after: string };
export const CUSTOMER_STAGE_HISTORY_PAGE = operation<{ customer: { id: string; stageHistory: PagedConnection<StageChange> } | null }, ByIdAfter>(
  source,
  'CustomerStageHistoryPage',
);
export const CUSTOMER_LIMIT_HISTORY_PAGE = operation<{ customer: { id: string; limitHistory: PagedConnection<LimitDecision> } | null }, ByIdAfter>(
  source,
  'CustomerLimitHistoryPage',
);
