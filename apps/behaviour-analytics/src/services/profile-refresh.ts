import type { DataSource } from 'typeorm';
import type { Clock } from '@jc/domain';
import { transactionRetryingConflicts, type Logger } from '@jc/subgraph-kit';
import { BehaviourProfileRepository } from '../db/behaviour-profile-repository';
import { lockCustomers } from '../db/customer-locks';
import { DerivedStore } from '../db/derived-store';
import { StageTimelineStore } from '../db/stage-timeline-store';
import { deriveProfiles, type DerivationSettings } from './derive-profiles';

export interface ProfileRefreshDeps extends DerivationSettings {
  dataSource: DataSource;
  clock: Clock;
  /** Told after a chunk that enqueued behaviour.updated committed, so the relay sends at once. */
  published?: () => void;
  logger?: Logger;
}

/** Profiles this old are re-derived: windows slide with time even without events. */
export const PROFILE_MAX_AGE_MS = 24 * 3600 * 1000;
/**
 * How often the refresh runs. Each pass derives every customer whose stage could have changed by
 * time alone since, so a stored stage is never staler than this plus the pass's own run time.
 */
export const PROFILE_REFRESH_EVERY_MS = 15 * 60 * 1000;
const CHUNK = 2_000;

export interface RefreshResult {
  customers: number;
  stageChanges: number;
  published: number;
}

/**
 * Re-derives at the clock's now, a chunk per transaction, first every customer whose stage may
 * have changed with time alone (their `stage_due_at` has come: a NEW one turning ACTIVE, an idle
 * one DORMANT, an unpaid amount reaching a HIGH_RISK bar or a late one ageing out), then every
 * profile older than `maxAgeMs`, so 30-day windows forget what fell out of them. A stage change
 * is recorded at the instant its threshold was crossed (see `stageChangesBetween`), and
 * behaviour.updated is announced as for any other material change.
 */
export async function refreshStaleProfiles(deps: ProfileRefreshDeps, maxAgeMs = PROFILE_MAX_AGE_MS): Promise<RefreshResult> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - maxAgeMs);
  const profiles = new BehaviourProfileRepository(deps.dataSource);
  const timeline = new StageTimelineStore(deps.dataSource.manager);
  // each chunk at the clock's now once it holds the locks, as ingestion does (see ingest)
  const due = await deriveInChunks(deps, () => deps.clock.now(), (after) => timeline.stageDue(now, after, CHUNK), 'deriving behaviour profiles whose stage fell due');
  // Those just derived are no longer older than the cutoff, so none is derived twice.
  const stale = await deriveInChunks(deps, () => deps.clock.now(), (after) => profiles.derivedBefore(cutoff, after, CHUNK), 'refreshing stale behaviour profiles');
  return add(due, stale);
}

const add = (a: RefreshResult, b: RefreshResult): RefreshResult => ({
  customers: a.customers + b.customers,
  stageChanges: a.stageChanges + b.stageChanges,
  published: a.published + b.published,
});

/**
 * Derives every customer seen by each of `dates` (ascending) at that date, so a history stored
 * with `storeHistory` gets the stages and stage changes its events gave it; derivation ignores
 * whatever happened after its asOf. A change between two dates is dated when it happened there.
 */
export async function replayProfiles(deps: ProfileRefreshDeps, dates: readonly Date[]): Promise<RefreshResult> {
  const store = new DerivedStore(deps.dataSource.manager);
  let total: RefreshResult = { customers: 0, stageChanges: 0, published: 0 };
  for (const asOf of [...dates].sort((a, b) => a.getTime() - b.getTime())) {
    total = add(total, await deriveInChunks(deps, () => asOf, (after) => store.customersSeenBy(asOf, after, CHUNK), `replaying behaviour profiles at ${asOf.toISOString()}`));
  }
  return total;
}

/**
 * A chunk per transaction, in id order, so it ends even if a profile cannot be re-derived. `asOf`
 * is asked for once the chunk's locks are held (on every retry too).
 */
async function deriveInChunks(deps: ProfileRefreshDeps, asOf: () => Date, idsAfter: (afterId: string) => Promise<string[]>, progress: string): Promise<RefreshResult> {
  const total: RefreshResult = { customers: 0, stageChanges: 0, published: 0 };
  for (let ids = await idsAfter(''); ids.length > 0; ids = await idsAfter(ids[ids.length - 1]!)) {
    const chunk = await transactionRetryingConflicts(deps.dataSource, async (m) => {
      await lockCustomers(m, ids);
      return deriveProfiles(m, ids, asOf(), deps);
    });
    if (chunk.published > 0) deps.published?.();
    total.customers += ids.length;
    total.stageChanges += chunk.stageChanges;
    total.published += chunk.published;
    deps.logger?.info({ ...total }, progress);
  }
  return total;
}

/**
 * Runs the refresh now and then every `everyMs`, one pass at a time. The returned stop waits for a
 * pass under way, so the database is never closed under it.
 */
export function startProfileRefresh(deps: ProfileRefreshDeps, everyMs = PROFILE_REFRESH_EVERY_MS): () => Promise<void> {
  let current: Promise<void> | null = null;
  const pass = () => {
    current ??= refreshStaleProfiles(deps)
      .then((result) => {
        if (result.customers > 0) deps.logger?.info({ ...result }, 'refreshed stale behaviour profiles');
      })
      .catch((err: unknown) => deps.logger?.error({ err }, 'behaviour profile refresh failed'))
      .finally(() => (current = null));
  };
  const first = setTimeout(pass, 0);
  const timer = setInterval(pass, everyMs);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await current;
  };
}
