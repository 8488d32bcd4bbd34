import type { DataSource } from 'typeorm';
import type { Clock } from '@jc/domain';
import { InputProblems } from '@jc/subgraph-kit';
import { EventStore, type InsertResult } from '../db/event-store';
import { repaymentProblems, transactionProblems, type EventProblem, type RepaymentEvent, type TransactionEvent } from '../model/events';
import type { LifecycleRules } from '../model/lifecycle-rules';
import { deriveProfiles } from './derive-profiles';

export interface IngestionDeps {
  dataSource: DataSource;
  clock: Clock;
  rules: LifecycleRules;
}

function refuse(problems: EventProblem[]): void {
  const collected = new InputProblems();
  for (const p of problems) collected.add(p.path, p.reason);
  collected.throwIfAny('Batch refused, nothing was stored');
}

/**
 * One transaction per batch: the events, the aggregates they feed and the re-derived profiles
 * commit together or not at all, so features are current the moment the call returns.
 */
async function ingest(deps: IngestionDeps, now: Date, insert: (store: EventStore) => Promise<InsertResult>): Promise<number> {
  return deps.dataSource.transaction(async (manager) => {
    const result = await insert(new EventStore(manager));
    await deriveProfiles(manager, result.customerIds, now, deps.rules);
    return result.inserted;
  });
}

/** Returns how many events were new. */
export async function recordTransactions(deps: IngestionDeps, events: readonly TransactionEvent[]): Promise<number> {
  const now = deps.clock.now();
  refuse(transactionProblems(events, now));
  return ingest(deps, now, (store) => store.insertTransactions(events));
}

export async function recordRepayments(deps: IngestionDeps, events: readonly RepaymentEvent[]): Promise<number> {
  const now = deps.clock.now();
  refuse(repaymentProblems(events, now));
  return ingest(deps, now, (store) => store.insertRepayments(events));
}
