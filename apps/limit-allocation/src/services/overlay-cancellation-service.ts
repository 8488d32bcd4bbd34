import type { Clock } from '@jc/domain';
import { conflict, notFound } from '@jc/subgraph-kit';
import type { DataSource } from 'typeorm';
import { OverlayCancellationRepository, type Cancellation } from '../db/overlay-cancellation-repository';
import { announceDecisions } from '../events/limit-announcements';
import type { CampaignRecord } from '../model/campaign';
import { campaignCancelRefusal, isCampaignId, upliftCancelRefusal } from '../model/overlay-cancellation';
import type { UpliftRecord } from '../model/uplift';

/**
 * Ends uplifts and campaigns before their time. A cancellation ends the overlays at the clock's
 * now, as if that had been their end, which releases the budget they took; every line it lowers
 * gets a decision record and a limit.changed, all in one transaction. Nothing changes on refusal.
 */
export class OverlayCancellationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    /** Told after a commit that enqueued events, so they leave at once. */
    private readonly published: () => void = () => {},
  ) {}

  async cancelUplift(id: string, reason: string, actor: string): Promise<UpliftRecord> {
    const cancel: Cancellation = { at: this.clock.now(), actor, reason };
    const cancelled = await this.dataSource.transaction(async (m) => {
      const repo = new OverlayCancellationRepository(m);
      const uplift = await repo.lockUplift(id);
      if (!uplift) throw notFound(`No uplift ${id}`);
      const refusal = upliftCancelRefusal(uplift, cancel.at);
      if (refusal) throw conflict(`Cannot cancel uplift ${id}: ${refusal}`);
      await announceDecisions(m, await repo.endUplift(id, cancel), cancel.at);
      return (await repo.findUplift(id))!;
    });
    this.published();
    return cancelled;
  }

  async cancelCampaign(id: string, reason: string, actor: string): Promise<CampaignRecord> {
    if (!isCampaignId(id)) throw notFound(`No campaign ${id}`);
    const cancel: Cancellation = { at: this.clock.now(), actor, reason };
    const cancelled = await this.dataSource.transaction(async (m) => {
      const repo = new OverlayCancellationRepository(m);
      const campaign = await repo.lockCampaign(id);
      if (!campaign) throw notFound(`No campaign ${id}`);
      const refusal = campaignCancelRefusal(campaign, cancel.at);
      if (refusal) throw conflict(`Cannot cancel campaign ${id}: ${refusal}`);
      await announceDecisions(m, await repo.endCampaignOverlays(id, cancel), cancel.at);
      return repo.markCampaignCancelled(id, cancel);
    });
    this.published();
    return cancelled;
  }
}
