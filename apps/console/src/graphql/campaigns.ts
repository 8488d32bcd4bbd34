import source from './campaigns.graphql?raw';
import { operation } from './documents';
import type { CustomerTier, LifecycleStage, Money, PagedConnection, Product, RiskGrade } from './types';

export type CampaignStatus = 'SCHEDULED' | 'RUNNING' | 'ENDED' | 'CANCELLED';

export interface Campaign {
  id: string;
  name: string;
  amount: Money | null;
  multiplier: number | null;
  products: Product[];
  startsAt: string;
  endsAt: string;
  linesTouched: number;
  createdBy: string;
  createdAt: string;
  status: CampaignStatus;
  cancelledAt: string | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  eligibility: { minGrade: RiskGrade | null; tiers: CustomerTier[] | null; stages: LifecycleStage[] | null; regions: string[] | null };
}

export interface PeakWindow {
  code: string;
  name: string;
  start: string;
  end: string;
  multiplier: number;
  products: Product[];
  source: 'CALENDAR' | 'DETECTED';
}

export interface CreateUpliftCampaignInput {
  name: string;
  products: Product[];
  amount?: Money;
  multiplier?: number;
  startsAt: string;
  endsAt: string;
  eligibility?: { minGrade?: RiskGrade; tiers?: CustomerTier[]; stages?: LifecycleStage[]; regions?: string[] };
  idempotencyKey?: string;
}

export const CAMPAIGNS = operation<{ campaigns: PagedConnection<Campaign> }, { first: number; after?: string | null }>(source, 'Campaigns');
export const PEAK_CALENDAR = operation<{ peakPeriods: PeakWindow[] }, { from: string; to: string }>(source, 'PeakCalendar');
export const CREATE_UPLIFT_CAMPAIGN = operation<
  { createUpliftCampaign: { id: string; name: string; linesTouched: number } },
  { input: CreateUpliftCampaignInput }
>(source, 'CreateUpliftCampaign');
export const CANCEL_UPLIFT_CAMPAIGN = operation<
  { cancelUpliftCampaign: Pick<Campaign, 'id' | 'status' | 'cancelledAt' | 'cancelledBy' | 'cancelReason'> },
  { input: { campaignId: string; reason: string } }
>(source, 'CancelUpliftCampaign');
