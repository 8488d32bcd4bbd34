import { createHash } from 'node:crypto';
import { fixedClock, floorToStep, systemClock, yuan, type Minor, type Product, type RiskGrade } from '@jc/domain';
import { scoreOfOdds, STANDARD_SCALING } from '@jc/scorecard';
import { DEFAULT_AS_OF, DEMO_HISTORY_MONTHS, demoLine, simulateActivities, type CustomerOutcome, type SimulatedCustomer } from '@jc/simulator';
import type { Database, Logger } from '@jc/subgraph-kit';
import { openLine, type CreditLineRecord } from '../model/credit-line';
import { UtilisationService } from '../services/utilisation-service';
import { DEFAULT_POLICY, tierOf, type RiskSnapshotRecord } from '../model/policy';
import { CreditLineRepository } from './credit-line-repository';
import { PolicyRepository } from './policy-repository';
import { UtilisationRepository, type OpeningBalance } from './utilisation-repository';

const STEP = yuan(100);
const DEMO_HOLD_LINES = 20;
/** Left free on every demo line, so the demo holds and a first authorisation find room. */
const DEMO_HEADROOM = yuan(100);

/** A hold id derived from a name, so demo holds and balances keep their ids from one seeding to the next. */
const namedHoldId = (name: string): string => `h_${createHash('sha256').update(name).digest('hex').slice(0, 32)}`;

/** Stable ids for the demo holds, so scripts and gateway tests can capture or release them. */
export function demoHoldId(n: number): string {
  return namedHoldId(`demo-hold:${n}`);
}

/**
 * On the first lines by customer id: a captured CNY 10 PAY_LATER draw and two open CNY 10 holds
 * (ids demoHoldId(2i), demoHoldId(2i + 1)) that stay open 30 days from seeding. They go through the
 * guarded path, so the ledger and the lines agree.
 */
async function seedDemoUtilisation(database: Database, customerIds: string[]): Promise<number> {
  const ds = database.dataSource;
  const service = new UtilisationService(new CreditLineRepository(ds), new UtilisationRepository(ds), systemClock);
  const hold = { product: 'PAY_LATER' as const, amount: yuan(10), expiresIn: 30 * 24 * 3600 };
  let placed = 0;
  for (const [i, customerId] of customerIds.entries()) {
    const draw = await service.authorize({ ...hold, customerId, idempotencyKey: `demo-draw-${i}` });
    if (draw.approved) await service.capture(draw.holdId, hold.amount);
    for (const n of [2 * i, 2 * i + 1]) {
      if ((await service.authorize({ ...hold, customerId, idempotencyKey: `demo-hold-${n}` }, demoHoldId(n))).approved) placed += 1;
    }
  }
  return placed;
}

/**
 * What a demo customer owes on each line as the simulator's account left it at the demo's "today",
 * within the line as opened: a line never carries more than its limits (less the demo headroom).
 */
export function demoBalances(line: Pick<CreditLineRecord, 'jointLimit' | 'cashLoanLimit' | 'payLaterLimit'>, owed: CustomerOutcome['owedAtEnd']): Record<Product, Minor> {
  const room = (limit: Minor) => Math.max(0, limit - DEMO_HEADROOM);
  const cashLoan = Math.min(owed.CASH_LOAN, room(line.cashLoanLimit), room(line.jointLimit));
  const payLater = Math.min(owed.PAY_LATER, room(line.payLaterLimit), room(line.jointLimit) - cashLoan);
  return { CASH_LOAN: cashLoan, PAY_LATER: payLater };
}

/** The demo population and what each owes at `asOf`, from one pass of the simulator (its events are not kept). */
function demoBook(seed: string, count: number, asOf: string): { customer: SimulatedCustomer; owed: CustomerOutcome['owedAtEnd'] }[] {
  const book: { customer: SimulatedCustomer; owed: CustomerOutcome['owedAtEnd'] }[] = [];
  for (const a of simulateActivities({ seed, customers: count, months: DEMO_HISTORY_MONTHS, asOf }).activities) book.push({ customer: a.customer, owed: a.outcome.owedAtEnd });
  return book;
}

/** A line's demo balances as captured holds with stable ids. */
function openingBalances(line: CreditLineRecord, owed: CustomerOutcome['owedAtEnd']): OpeningBalance[] {
  const balances = demoBalances(line, owed);
  return (['CASH_LOAN', 'PAY_LATER'] as const)
    .filter((product) => balances[product] > 0)
    .map((product) => ({ holdId: namedHoldId(`demo-balance:${line.customerId}:${product}`), customerId: line.customerId, product, amount: balances[product] }));
}

/** Demo grades by PD band (the scoring service grades by score with per-model cut-offs). */
const GRADE_BANDS: Array<[number, RiskGrade]> = [[0.02, 'A'], [0.05, 'B'], [0.1, 'C'], [0.2, 'D']];

/**
 * What limit-allocation would have heard from scoring about a demo customer, from the simulator's
 * latent PD, region and lifecycle hint, as of the simulator's "today": later score.changed events
 * (newer by construction) replace it.
 */
export function demoSnapshot(c: SimulatedCustomer, asOf: Date): RiskSnapshotRecord {
  const pd = Math.min(0.99, Math.max(0.001, c.latentAnnualPd));
  const monthlySpend = c.behaviour.monthlyFrequency * Math.exp(c.behaviour.ticketMu + c.behaviour.ticketSigma ** 2 / 2);
  return {
    customerId: c.id,
    score: Math.round(scoreOfOdds(STANDARD_SCALING, (1 - pd) / pd)),
    pd,
    grade: GRADE_BANDS.find(([limit]) => pd < limit)?.[1] ?? 'E',
    lifecycleStage: c.lifecycleHint,
    region: c.region,
    declaredIncome: c.declaredAnnualIncome,
    behaviourValue: floorToStep(yuan(Math.round(monthlySpend * 12)), STEP),
    onTimeRepaymentMonths: c.lifecycleHint === 'HIGH_RISK' ? 0 : c.lifecycleHint === 'NEW' ? 2 : 12,
    overdue: c.lifecycleHint === 'HIGH_RISK',
    asOf,
  };
}

/** `asOf` is the demo's "today" (the services agree on it): lines open and snapshots date from it. */
export async function seedDemoLines(database: Database, seed: string, count: number, logger: Logger, asOf = DEFAULT_AS_OF): Promise<void> {
  const repo = new CreditLineRepository(database.dataSource);
  if ((await repo.count()) > 0) return;
  const openedAt = new Date(`${asOf}T00:00:00Z`);
  const book = demoBook(seed, count, asOf);
  const snapshots = book.map(({ customer }) => demoSnapshot(customer, openedAt));
  // Each line opens in the tier the default policy gives its snapshot, so the book starts consistent with its risk.
  const lines = book.map(
    ({ customer }, i): CreditLineRecord => openLine({ customerId: customer.id, ...demoLine(customer) }, fixedClock(openedAt), tierOf(DEFAULT_POLICY, snapshots[i]!)),
  );
  await repo.insertMany(lines);
  await new PolicyRepository(database.dataSource).recordSnapshots(snapshots, openedAt);
  const balances = lines.flatMap((line, i) => openingBalances(line, book[i]!.owed));
  await new UtilisationRepository(database.dataSource).recordOpeningBalances(balances, openedAt);
  const ids = lines.map((l) => l.customerId).sort();
  const holds = await seedDemoUtilisation(database, ids.slice(0, DEMO_HOLD_LINES));
  // The other services are seeded with the same population directly; the demo draws announce nothing.
  await database.dataSource.query(`DELETE FROM event_outbox WHERE type = 'utilisation.recorded'`);
  logger.info({ lines: lines.length, balances: balances.length, holds }, 'seeded demo credit lines');
}
