import { fixedClock } from '@jc/domain';
import type { LimitChangedV1 } from '@jc/domain';
import { DEFAULT_AS_OF, DEMO_HISTORY_MONTHS, demoLine, simulateActivities, simulationRange } from '@jc/simulator';
import type { Database, Logger } from '@jc/subgraph-kit';
import { MAX_BATCH, type RepaymentEvent, type TransactionEvent } from '../model/events';
import { DAY_MS } from '../model/repayment-history';
import { loadBehaviourEventsConfig } from '../model/behaviour-events-config';
import { loadLifecycleRules } from '../model/lifecycle-rules';
import type { CustomerRegion } from '../model/customer-regions';
import { recordCustomerRegions } from '../services/customer-regions';
import { storeHistory } from '../services/ingestion';
import { replayProfiles, type ProfileRefreshDeps } from '../services/profile-refresh';
import { BehaviourProfileRepository } from './behaviour-profile-repository';
import { CustomerLimitRepository } from './customer-limit-repository';

const REPLAY_EVERY_MS = 14 * DAY_MS;

/**
 * Feeds the simulator's activity of the demo population through the same bulk store the API uses,
 * then derives every profile as it stood fortnight by fortnight over the history and finally at
 * the demo's "today" (`asOf`, which the services agree on), so profiles, statements and stage
 * histories, with their dates, are what the events make them. Each customer's region and demo
 * line are recorded as onboarding and the limits service would. Six months keeps a first
 * `npm start` quick.
 */
export async function seedDemoProfiles(database: Database, seed: string, count: number, logger: Logger, asOf = DEFAULT_AS_OF, months = DEMO_HISTORY_MONTHS): Promise<void> {
  if ((await new BehaviourProfileRepository(database.dataSource).count()) > 0) return;
  const deps: ProfileRefreshDeps = {
    dataSource: database.dataSource,
    clock: fixedClock(`${asOf}T00:00:00Z`),
    rules: loadLifecycleRules(),
    behaviourEvents: loadBehaviourEventsConfig(),
    announce: false,
    logger,
  };
  const { activities } = simulateActivities({ seed, customers: count, months, asOf });
  const transactions: TransactionEvent[] = [];
  const repayments: RepaymentEvent[] = [];
  const regions: CustomerRegion[] = [];
  const lines: Omit<LimitChangedV1, 'reasonCodes'>[] = [];
  let customers = 0;
  let stored = 0;
  const limits = new CustomerLimitRepository(database.dataSource);
  /** Records full batches while either list holds `threshold` events (1 at the end: whatever is left). */
  const flush = async (threshold: number) => {
    while (transactions.length >= threshold || repayments.length >= threshold) {
      await limits.recordMany(lines.splice(0));
      stored += await storeHistory(
        deps,
        transactions.length >= threshold ? transactions.splice(0, MAX_BATCH) : [],
        repayments.length >= threshold ? repayments.splice(0, MAX_BATCH) : [],
      );
      logger.info({ customers, of: count, events: stored }, 'seeding demo behaviour');
    }
  };
  for (const activity of activities) {
    transactions.push(...activity.transactions);
    repayments.push(...activity.repayments);
    // Onboarding would send these; the simulator's population is the demo's onboarding.
    regions.push({ customerId: activity.customer.id, region: activity.customer.region });
    // The line the limits service opens for the demo, in force since onboarding.
    const { id: customerId, onboardedAt } = activity.customer;
    lines.push({ decisionId: `demo-line-${customerId}`, customerId, decidedAt: onboardedAt.toISOString(), ...demoLine(activity.customer) });
    if (regions.length >= MAX_BATCH) await recordCustomerRegions(database.dataSource, regions.splice(0));
    customers += 1;
    await flush(MAX_BATCH);
  }
  await flush(1);
  if (regions.length > 0) await recordCustomerRegions(database.dataSource, regions.splice(0));
  await replayProfiles(deps, replayDates(simulationRange(asOf, months).from, deps.clock.now()));
  logger.info({ customers: count, months, events: stored }, 'seeded demo behaviour from the simulator');
}

/**
 * Every two weeks from two weeks into the history, then asOf: few passes keep a first start quick,
 * and each pass dates the stage changes since the one before when they happened.
 */
function replayDates(from: Date, asOf: Date): Date[] {
  const dates: Date[] = [];
  for (let t = from.getTime() + REPLAY_EVERY_MS; t < asOf.getTime(); t += REPLAY_EVERY_MS) dates.push(new Date(t));
  return [...dates, asOf];
}
