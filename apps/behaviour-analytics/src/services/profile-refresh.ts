import type { DataSource } from 'typeorm';
import type { Clock } from '@jc/domain';
import { transactionRetryingConflicts, type Logger } from '@jc/subgraph-kit';
import { BehaviourProfileRepository } from '../db/behaviour-profile-repository';
import { lockCustomers } from '../db/customer-locks';
import { DerivedStore } from '../db/derived-store';
import { deriveProfiles, type DerivationSettings } from './derive-profiles';

export interface ProfileRefreshDeps extends DerivationSettings {
  dataSource: DataSource;
  clock: Clock;
  /** Told after a chunk that enqueued behaviour.updated committed, so the relay sends at once. */
  published?: () => void;
  logger?: Logger;
}

/** Profiles this old are re-derived: windows slide and stages move with time even without events. */
export const PROFILE_MAX_AGE_MS = 24 * 3600 * 1000;
const CHUNK = 2_000;

export interface RefreshResult {
  customers: number;
  stageChanges: number;
  published: number;
}

/**
 * Re-derives every profile older than `maxAgeMs` at the clock's now, a chunk per transaction, so
 * a customer who stopped transacting still turns DORMANT, a NEW one ACTIVE, and 30-day windows
 * forget what fell out of them, with the stage change recorded and behaviour.updated announced
 * as for any other material change.
 */
export async function refreshStaleProfiles(deps: ProfileRefreshDeps, maxAgeMs = PROFILE_MAX_AGE_MS): Promise<RefreshResult> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - maxAgeMs);
  const profiles = new BehaviourProfileRepository(deps.dataSource);
  // each chunk at the clock's now once it holds the locks, as ingestion does (see ingest)
  return deriveInChunks(deps, () => deps.clock.now(), (after) => profiles.derivedBefore(cutoff, after, CHUNK), 'refreshing stale behaviour profiles');
}

/**
 * Derives every customer seen by each of `dates` (ascending) at that date, so a history stored
 * with `storeHistory` gets the stages, stage changes and dates its events gave it, as if it had
 * been refreshed on each of those days; derivation ignores whatever happened after its asOf.
 */
export async function replayProfiles(deps: ProfileRefreshDeps, dates: readonly Date[]): Promise<RefreshResult> {
  const store = new DerivedStore(deps.dataSource.manager);
  const total: RefreshResult = { customers: 0, stageChanges: 0, published: 0 };
  for (const asOf of [...dates].sort((a, b) => a.getTime() - b.getTime())) {
    const pass = await deriveInChunks(deps, () => asOf, (after) => store.customersSeenBy(asOf, after, CHUNK), `replaying behaviour profiles at ${asOf.toISOString()}`);
    total.customers += pass.customers;
    total.stageChanges += pass.stageChanges;
    total.published += pass.published;
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
export function startProfileRefresh(deps: ProfileRefreshDeps, everyMs = 3600 * 1000): () => Promise<void> {
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
