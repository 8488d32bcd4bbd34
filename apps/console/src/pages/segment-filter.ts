import type { CustomerTier, LifecycleStage } from '../graphql/types';

/** The customer segment both the allocation filter and a campaign's eligibility pick. */
export interface SegmentForm {
  tiers: CustomerTier[];
  stages: LifecycleStage[];
  /** Region codes separated by commas. */
  regions: string;
}

interface SegmentFilter {
  tiers?: CustomerTier[];
  stages?: LifecycleStage[];
  regions?: string[];
}

/** Only the dimensions picked: an empty one means "any", so it is left out. */
export function segmentFilter(form: SegmentForm): SegmentFilter {
  const regions = form.regions.split(',').map((r) => r.trim()).filter(Boolean);
  return {
    ...(form.tiers.length ? { tiers: form.tiers } : {}),
    ...(form.stages.length ? { stages: form.stages } : {}),
    ...(regions.length ? { regions } : {}),
  };
}
