import { createHash } from 'node:crypto';
import { fixedClock, floorToStep, systemClock, mulMinor, yuan, type LifecycleStage, type Minor } from '@jc/domain';
import { DEFAULT_AS_OF, generatePopulation } from '@jc/simulator';
import type { Database, Logger } from '@jc/subgraph-kit';
import { DEFAULT_PERSON_CAP, openLine, type CreditLineRecord } from '../model/credit-line';
import { UtilisationService } from '../services/utilisation-service';
import { CreditLineRepository } from './credit-line-repository';
import { UtilisationRepository } from './utilisation-repository';

const STEP = yuan(100);
const DEMO_HOLD_LINES = 20;

/** Stable ids for the demo holds, so scripts and gateway tests can capture or release them. */
export function demoHoldId(n: number): string {
  return `h_${createHash('sha256').update(`demo-hold:${n}`).digest('hex').slice(0, 32)}`;
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
 * Opening limits for the demo population, before any policy exists: a share of declared income,
 * PAY_LATER first for NEW customers, both lines cut for HIGH_RISK ones.
 */
export function demoLimits(income: Minor, stage: LifecycleStage): Pick<CreditLineRecord, 'jointLimit' | 'cashLoanLimit' | 'payLaterLimit'> {
  const stageFactor = { NEW: 0.1, ACTIVE: 0.3, DORMANT: 0.2, HIGH_RISK: 0.05 }[stage];
  const joint = Math.max(STEP, floorToStep(Math.min(DEFAULT_PERSON_CAP, mulMinor(income, stageFactor)), STEP));
  const payLater = Math.min(joint, stage === 'NEW' ? yuan(3000) : yuan(20000));
  const cashLoan = stage === 'NEW' ? 0 : floorToStep(mulMinor(joint, 0.8), STEP);
  return { jointLimit: joint, cashLoanLimit: cashLoan, payLaterLimit: payLater };
}

export async function seedDemoLines(database: Database, seed: string, count: number, logger: Logger): Promise<void> {
  const repo = new CreditLineRepository(database.dataSource);
  if ((await repo.count()) > 0) return;
  const openedAt = new Date(`${DEFAULT_AS_OF}T00:00:00Z`);
  const lines = generatePopulation({ seed, customers: count }).map(
    (c): CreditLineRecord => openLine({ customerId: c.id, ...demoLimits(c.declaredAnnualIncome, c.lifecycleHint) }, fixedClock(openedAt)),
  );
  await repo.insertMany(lines);
  const ids = lines.map((l) => l.customerId).sort();
  const holds = await seedDemoUtilisation(database, ids.slice(0, DEMO_HOLD_LINES));
  logger.info({ lines: lines.length, holds }, 'seeded demo credit lines');
}
