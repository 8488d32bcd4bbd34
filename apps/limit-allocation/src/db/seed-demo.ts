import { floorToStep, mulMinor, yuan, type LifecycleStage, type Minor } from '@jc/domain';
import { DEFAULT_AS_OF, generatePopulation } from '@jc/simulator';
import type { Database, Logger } from '@jc/subgraph-kit';
import { DEFAULT_PERSON_CAP, type CreditLineRecord } from '../model/credit-line';
import { CreditLineRepository } from './credit-line-repository';

const STEP = yuan(100);

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
    (c): CreditLineRecord => ({
      customerId: c.id,
      status: 'ACTIVE',
      ...demoLimits(c.declaredAnnualIncome, c.lifecycleHint),
      cashLoanUsed: 0,
      payLaterUsed: 0,
      openedAt,
      updatedAt: openedAt,
    }),
  );
  await repo.insertMany(lines);
  logger.info({ lines: lines.length }, 'seeded demo credit lines');
}
