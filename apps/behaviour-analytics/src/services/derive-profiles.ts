import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@jc/domain';
import { newEvent } from '@jc/events';
import { BehaviourPublicationStore } from '../db/behaviour-publication-store';
import { CustomerLimitRepository } from '../db/customer-limit-repository';
import { SERVICE } from '../db/database';
import { DerivedStore, type ProfileWrite, type StageChangeWrite, type StoredStage } from '../db/derived-store';
import { StageTimelineStore } from '../db/stage-timeline-store';
import type { BehaviourEventsConfig } from '../model/behaviour-events-config';
import { behaviourUpdate, isMaterialChange, PUBLISHED_STATEMENT_MONTHS } from '../model/behaviour-update';
import { deriveFeatures, FEATURE_WINDOWS } from '../model/features';
import { decideStage, type StageDecision } from '../model/lifecycle';
import type { LifecycleRules } from '../model/lifecycle-rules';
import { DAY_MS, overdueAt, REPAYMENT_LOOKBACK_DAYS, type RepaymentRecord } from '../model/repayment-history';
import { nextStageCheck, stageChangesBetween } from '../model/stage-timeline';
import { buildStatements, lastMonths } from '../model/statements';

/** Keeps each derivation query's customer list, and the transaction holding it, modest. */
const CHUNK = 2_000;

export interface DerivationSettings {
  rules: LifecycleRules;
  behaviourEvents: BehaviourEventsConfig;
  /**
   * False while seeding the demo: the other services are seeded with the same population
   * directly, so the baseline of what was announced is kept but nothing is sent.
   */
  announce?: boolean;
}

export interface DerivationResult {
  stageChanges: number;
  /** behaviour.updated events enqueued; the caller wakes the relay once they committed. */
  published: number;
}

/**
 * Re-derives the features and lifecycle stage of `customerIds` at `asOf`, stores them with a
 * stage change wherever the stage moved, and enqueues behaviour.updated (in the caller's
 * transaction) for each customer whose behaviour changed materially since it was last published.
 * Idempotent for the same asOf, so ingestion calls it for the customers a batch touched, and a
 * scheduled sweep (which is what moves idle customers to DORMANT) can call it too. A customer seen
 * for the first time gets a profile here: onboarding lives in credit-scoring, so events may arrive
 * before we hear of them. The caller's transaction holds `lockCustomers` for them (taken before
 * anything of theirs is written), so no other batch changes them under the derivation.
 */
export async function deriveProfiles(db: EntityManager, customerIds: readonly string[], asOf: Date, settings: DerivationSettings): Promise<DerivationResult> {
  const total: DerivationResult = { stageChanges: 0, published: 0 };
  if (customerIds.length === 0) return total;
  await new DerivedStore(db).tuneForDerivation();
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    const chunk = await deriveChunk(db, customerIds.slice(i, i + CHUNK), asOf, settings);
    total.stageChanges += chunk.stageChanges;
    total.published += chunk.published;
  }
  return total;
}

async function deriveChunk(db: EntityManager, ids: readonly string[], asOf: Date, settings: DerivationSettings): Promise<DerivationResult> {
  const store = new DerivedStore(db);
  const publications = new BehaviourPublicationStore(db);
  const months = lastMonths(asOf, PUBLISHED_STATEMENT_MONTHS);
  // A month's status compares its repayments with the month before's balance.
  const firstMonth = lastMonths(asOf, PUBLISHED_STATEMENT_MONTHS + 1)[PUBLISHED_STATEMENT_MONTHS]!;
  const activity = await store.windowActivity(ids, asOf, FEATURE_WINDOWS);
  const repayments = await store.repayments(ids, new Date(asOf.getTime() - REPAYMENT_LOOKBACK_DAYS * DAY_MS));
  const times = await store.customerTimes(ids, asOf);
  const previous = await store.stages(ids);
  const monthly = await store.monthlyActivity(ids, firstMonth);
  const limits = await new CustomerLimitRepository(db).limitsFor(ids, months[months.length - 1]!, asOf);
  const published = await publications.lastPublished(ids);
  const profiles: ProfileWrite[] = [];
  const changes: StageChangeWrite[] = [];
  const moved: MovedStage[] = [];
  const updates: EventEnvelope<'behaviour.updated'>[] = [];
  for (const customerId of ids) {
    const t = times.get(customerId);
    if (!t?.firstSeenAt) continue;
    const records = repayments.get(customerId) ?? [];
    // How late each repayment was drives features, statements and the streak alike: worked out once.
    const overdue = overdueAt(records, asOf);
    const features = deriveFeatures({
      asOf,
      activity: activity.get(customerId) ?? [],
      overdue,
      firstUsedAt: t.firstUsedAt,
      lastTransactionAt: t.lastTransactionAt,
    });
    const decision = decideStage(features, t.firstSeenAt, asOf, settings.rules);
    profiles.push({
      customerId,
      lifecycleStage: decision.stage,
      asOf,
      rulesVersion: settings.rules.version,
      firstSeenAt: t.firstSeenAt,
      monthsSinceFirstUse: features.monthsSinceFirstUse,
      currentDaysPastDue: features.currentDaysPastDue,
      windows: features.windows,
      stageDueAt: nextStageCheck(
        { firstSeenAt: t.firstSeenAt, transactionTimes: [t.lastTransactionAt, t.latestTransactionAt].flatMap((d) => (d ? [d.getTime()] : [])), repayments: records },
        asOf,
        settings.rules,
      ),
    });
    const stored = previous.get(customerId);
    const before = stored?.stage ?? null;
    if (!stored) {
      changes.push({ customerId, at: asOf, from: null, to: decision.stage, reason: decision.reason, rulesVersion: settings.rules.version });
    } else if (before !== decision.stage || (stored.stageDueAt !== null && stored.stageDueAt <= asOf)) {
      // A threshold that fell due since may have moved the stage and back, which the walk finds.
      moved.push({ customerId, previous: stored, decision, firstSeenAt: t.firstSeenAt, records });
    }
    const update = behaviourUpdate({
      customerId,
      stage: decision.stage,
      previousStage: before,
      features,
      statements: buildStatements({ months, activity: monthly.get(customerId) ?? [], overdue, limits: limits.get(customerId) ?? [], asOf }),
      overdue,
      asOf,
    });
    if (isMaterialChange(published.get(customerId) ?? null, update, settings.behaviourEvents)) {
      updates.push(newEvent('behaviour.updated', SERVICE, update, asOf));
    }
  }
  changes.push(...(await datedStageChanges(db, moved, asOf, settings.rules)));
  await store.saveProfiles(profiles);
  await store.addStageChanges(changes);
  const announce = settings.announce ?? true;
  await publications.publish(updates, asOf, announce);
  return { stageChanges: changes.length, published: announce ? updates.length : 0 };
}

interface MovedStage {
  customerId: string;
  previous: StoredStage;
  decision: StageDecision;
  firstSeenAt: Date;
  records: RepaymentRecord[];
}

/**
 * The stage changes of customers whose stage moved since their last derivation, each dated when
 * it happened (`stageChangesBetween`): a threshold crossed by time is dated at the crossing, not
 * at the sweep or event that noticed it.
 */
async function datedStageChanges(db: EntityManager, moved: readonly MovedStage[], asOf: Date, rules: LifecycleRules): Promise<StageChangeWrite[]> {
  const transactionTimes = await new StageTimelineStore(db).transactionTimes(moved.map((m) => ({ customerId: m.customerId, since: m.previous.asOf })), asOf);
  return moved.flatMap((m) =>
    stageChangesBetween(
      { firstSeenAt: m.firstSeenAt, transactionTimes: transactionTimes.get(m.customerId) ?? [], repayments: m.records },
      m.previous,
      asOf,
      m.decision,
      rules,
    ).map((c): StageChangeWrite => ({ customerId: m.customerId, at: c.at, from: c.from, to: c.stage, reason: c.reason, rulesVersion: rules.version })),
  );
}
