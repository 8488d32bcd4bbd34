import type { EntityManager } from 'typeorm';
import { DerivedStore, type ProfileWrite, type StageChangeWrite } from '../db/derived-store';
import { deriveFeatures, FEATURE_WINDOWS } from '../model/features';
import { decideStage } from '../model/lifecycle';
import type { LifecycleRules } from '../model/lifecycle-rules';
import { DAY_MS } from '../model/repayment-history';

/** Unpaid amounts older than this no longer move features: the line is charged off by then. */
const REPAYMENT_LOOKBACK_DAYS = 730;
/** Keeps each derivation query's customer list, and the transaction holding it, modest. */
const CHUNK = 2_000;

/**
 * Re-derives the features and lifecycle stage of `customerIds` at `asOf` and stores them with a
 * stage change wherever the stage moved. Idempotent for the same asOf, so ingestion calls it for
 * the customers a batch touched, and a future event consumer or a scheduled sweep (which is what
 * moves idle customers to DORMANT) can call it too. A customer seen for the first time gets a
 * profile here: onboarding lives in credit-scoring, so events may arrive before we hear of them.
 */
export async function deriveProfiles(db: EntityManager, customerIds: readonly string[], asOf: Date, rules: LifecycleRules): Promise<number> {
  let changed = 0;
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    changed += await deriveChunk(new DerivedStore(db), customerIds.slice(i, i + CHUNK), asOf, rules);
  }
  return changed;
}

async function deriveChunk(store: DerivedStore, ids: readonly string[], asOf: Date, rules: LifecycleRules): Promise<number> {
  const activity = await store.windowActivity(ids, asOf, FEATURE_WINDOWS);
  const repayments = await store.repayments(ids, new Date(asOf.getTime() - REPAYMENT_LOOKBACK_DAYS * DAY_MS));
  const times = await store.customerTimes(ids, asOf);
  const previous = await store.stages(ids);
  const profiles: ProfileWrite[] = [];
  const changes: StageChangeWrite[] = [];
  for (const customerId of ids) {
    const t = times.get(customerId);
    if (!t?.firstSeenAt) continue;
    const features = deriveFeatures({
      asOf,
      activity: activity.get(customerId) ?? [],
      repayments: repayments.get(customerId) ?? [],
      firstUsedAt: t.firstUsedAt,
      lastTransactionAt: t.lastTransactionAt,
    });
    const decision = decideStage(features, t.firstSeenAt, asOf, rules);
    profiles.push({
      customerId,
      lifecycleStage: decision.stage,
      asOf,
      rulesVersion: rules.version,
      firstSeenAt: t.firstSeenAt,
      monthsSinceFirstUse: features.monthsSinceFirstUse,
      currentDaysPastDue: features.currentDaysPastDue,
      windows: features.windows,
    });
    const before = previous.get(customerId) ?? null;
    if (before !== decision.stage) {
      changes.push({ customerId, at: asOf, from: before, to: decision.stage, reason: decision.reason, rulesVersion: rules.version });
    }
  }
  await store.saveProfiles(profiles);
  await store.addStageChanges(changes);
  return changes.length;
}
