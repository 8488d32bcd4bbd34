import type { CampaignRecord } from './campaign';
import type { UpliftRecord } from './uplift';

export const MAX_CANCEL_REASON = 200;

/** What a cancellation request carries beside the id. */
export interface CancelRequest {
  reason: string;
}

export function cancelProblems(r: CancelRequest): { path: string; reason: string }[] {
  const reason = r.reason.trim();
  return reason.length === 0 || reason.length > MAX_CANCEL_REASON ? [{ path: 'reason', reason: `must be 1 to ${MAX_CANCEL_REASON} characters` }] : [];
}

/** Campaign ids are bigserials; anything else names no campaign. */
export const isCampaignId = (id: string): boolean => /^[1-9]\d{0,17}$/.test(id);

/**
 * Why an overlay (one uplift, or a campaign's) can no longer be cancelled, or null. Cancelling ends it now, so one that has
 * already ended, by itself or by an earlier cancellation, has nothing left to end: a second cancel
 * is a CONFLICT, never a silent success that would record a second actor and reason.
 */
export function cancelRefusal(u: Pick<UpliftRecord | CampaignRecord, 'endsAt' | 'cancelledAt'>, now: Date): string | null {
  if (u.cancelledAt) return `it was already cancelled at ${u.cancelledAt.toISOString()}`;
  if (u.endsAt.getTime() <= now.getTime()) return `it already ended at ${u.endsAt.toISOString()}`;
  return null;
}

export type CampaignStatus = 'SCHEDULED' | 'RUNNING' | 'ENDED' | 'CANCELLED';

export function campaignStatus(c: Pick<CampaignRecord, 'startsAt' | 'endsAt' | 'cancelledAt'>, now: Date): CampaignStatus {
  if (c.cancelledAt) return 'CANCELLED';
  if (now.getTime() < c.startsAt.getTime()) return 'SCHEDULED';
  return now.getTime() < c.endsAt.getTime() ? 'RUNNING' : 'ENDED';
}
