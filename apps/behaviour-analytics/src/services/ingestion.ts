import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '@jc/domain';
import { InputProblems, transactionRetryingConflicts } from '@jc/subgraph-kit';
import { lockCustomers } from '../db/customer-locks';
import { EventStore, type InsertResult } from '../db/event-store';
import { repaymentProblems, transactionProblems, type EventProblem, type RepaymentEvent, type TransactionEvent } from '../model/events';
import { deriveProfiles, type DerivationSettings } from './derive-profiles';

export interface IngestionDeps extends DerivationSettings {
  dataSource: DataSource;
  clock: Clock;
  /** Told after a batch that enqueued behaviour.updated committed, so the relay sends at once. */
  published?: () => void;
}

export class RefusedBatchError extends Error {
  override readonly name = 'RefusedBatchError';
  constructor(readonly problems: EventProblem[]) {
    super(`batch refused: ${problems.map((p) => `${p.path} ${p.reason}`).join('; ')}`);
  }
}

function refuse(problems: EventProblem[]): void {
  const collected = new InputProblems();
  for (const p of problems) collected.add(p.path, p.reason);
  collected.throwIfAny('Batch refused, nothing was stored');
}

/**
 * Stores a validated batch and re-derives the customers it touched inside the caller's
 * transaction: events, aggregates, profiles and behaviour.updated outbox rows commit together or
 * not at all, so features are current the moment the transaction commits. Returns how many events
 * were new and how many events were enqueued.
 *
 * The derivation's asOf is read once the customers' locks are held: a batch that waited for
 * another's locks derives from both batches' events, and must not announce them with an asOf
 * older than the one the other batch already announced (credit-scoring keeps the newest asOf and
 * drops an older one, so that change would never reach the score).
 */
async function ingest(manager: EntityManager, deps: DerivationSettings, clock: Clock, customerIds: readonly string[], insert: (store: EventStore) => Promise<InsertResult>) {
  const result = await store(manager, customerIds, insert);
  const derived = await deriveProfiles(manager, result.customerIds, clock.now(), deps);
  return { inserted: result.inserted, published: derived.published };
}

/** Takes the customers' locks before anything of theirs is written, then stores the events. */
async function store<T>(manager: EntityManager, customerIds: readonly string[], insert: (store: EventStore) => Promise<T>): Promise<T> {
  await lockCustomers(manager, customerIds);
  return insert(new EventStore(manager));
}

/** The same path for transactions arriving as events (utilisation.recorded), in the inbox's transaction. */
export async function ingestTransactionsIn(manager: EntityManager, deps: DerivationSettings, events: readonly TransactionEvent[], clock: Clock): Promise<number> {
  const problems = transactionProblems(events, clock.now());
  if (problems.length > 0) throw new RefusedBatchError(problems);
  return (await ingest(manager, deps, clock, customersOf(events), (store) => store.insertTransactions(events))).inserted;
}

const customersOf = (events: readonly { customerId: string }[]) => [...new Set(events.map((e) => e.customerId))];

/** Idempotent and all-or-nothing, so a batch aborted for a write conflict is simply run again (reading the clock again). */
async function inOwnTransaction(deps: IngestionDeps, customerIds: readonly string[], insert: (store: EventStore) => Promise<InsertResult>): Promise<number> {
  const result = await transactionRetryingConflicts(deps.dataSource, (manager) => ingest(manager, deps, deps.clock, customerIds, insert));
  if (result.published > 0) deps.published?.();
  return result.inserted;
}

/** Returns how many events were new. */
export async function recordTransactions(deps: IngestionDeps, events: readonly TransactionEvent[]): Promise<number> {
  refuse(transactionProblems(events, deps.clock.now()));
  return inOwnTransaction(deps, customersOf(events), (store) => store.insertTransactions(events));
}

export async function recordRepayments(deps: IngestionDeps, events: readonly RepaymentEvent[]): Promise<number> {
  refuse(repaymentProblems(events, deps.clock.now()));
  return inOwnTransaction(deps, customersOf(events), (store) => store.insertRepayments(events));
}

/**
 * Loading a past history: validated and stored as above, aggregates included, but no profile is
 * derived, because deriving at the load's clock would date every stage to the day of the load.
 * `replayProfiles` then derives them date by date. Returns how many events were new.
 */
export async function storeHistory(deps: Pick<IngestionDeps, 'dataSource' | 'clock'>, transactions: readonly TransactionEvent[], repayments: readonly RepaymentEvent[]): Promise<number> {
  const now = deps.clock.now();
  // Either list may be empty here: a history does not come in pairs of batches.
  if (transactions.length > 0) refuse(transactionProblems(transactions, now));
  if (repayments.length > 0) refuse(repaymentProblems(repayments, now));
  return transactionRetryingConflicts(deps.dataSource, (manager) =>
    store(manager, customersOf([...transactions, ...repayments]), async (events) => {
      const stored = transactions.length > 0 ? (await events.insertTransactions(transactions)).inserted : 0;
      return stored + (repayments.length > 0 ? (await events.insertRepayments(repayments)).inserted : 0);
    }),
  );
}
