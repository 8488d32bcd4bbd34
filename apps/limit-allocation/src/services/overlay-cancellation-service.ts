import type { Clock } from '@jc/domain';
import { conflict, notFound } from '@jc/subgraph-kit';
import type { DataSource } from 'typeorm';
import { OverlayCancellationRepository, type Cancellation } from '../db/overlay-cancellation-repository';
import { announceDecisions } from '../events/limit-announcements';
import type { CampaignRecord } from '../model/campaign';
import { cancelRefusal, isCampaignId } from '../model/overlay-cancellation';
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

  cancelUplift(id: string, reason: string, actor: string): Promise<UpliftRecord> {
    return this.cancel(`uplift ${id}`, { at: this.clock.now(), actor, reason }, {
      lock: (repo) => repo.lockUplift(id),
      end: async (repo, cancel) => {
        await announceDecisions(repo.manager, await repo.endUplift(id, cancel), cancel.at);
        return (await repo.findUplift(id))!;
      },
    });
  }

  cancelCampaign(id: string, reason: string, actor: string): Promise<CampaignRecord> {
    if (!isCampaignId(id)) throw notFound(`No campaign ${id}`);
    return this.cancel(`campaign ${id}`, { at: this.clock.now(), actor, reason }, {
      lock: (repo) => repo.lockCampaign(id),
      end: async (repo, cancel) => {
        await announceDecisions(repo.manager, await repo.endCampaignOverlays(id, cancel), cancel.at);
        return repo.markCampaignCancelled(id, cancel);
      },
    });
  }

  /** Locks what is cancelled, refuses one already ended, ends it and wakes the relay after the commit. */
  private async cancel<T extends { endsAt: Date; cancelledAt?: Date | null }>(
    what: string,
    cancel: Cancellation,
    steps: { lock: (repo: OverlayCancellationRepository) => Promise<T | null>; end: (repo: OverlayCancellationRepository, cancel: Cancellation) => Promise<T> },
  ): Promise<T> {
    const cancelled = await this.dataSource.transaction(async (m) => {
      const repo = new OverlayCancellationRepository(m);
      const current = await steps.lock(repo);
      if (!current) throw notFound(`No ${what}`);
      const refusal = cancelRefusal(current, cancel.at);
      if (refusal) throw conflict(`Cannot cancel ${what}: ${refusal}`);
      return steps.end(repo, cancel);
    });
    this.published();
    return cancelled;
  }
}
