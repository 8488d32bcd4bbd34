import { DEFAULT_AS_OF, generatePopulation } from '@jc/simulator';
import type { Database, Logger } from '@jc/subgraph-kit';
import { systemClock } from '@jc/domain';
import { defaultModel } from '../model/default-model';
import { demoStatements } from '../model/demo-statements';
import { CustomerRepository } from './customer-repository';
import { rescoreAll } from './rescoring';
import { scoringDeps } from '../server';

/** The statement month before the simulator's "today", so the demo history ends where its activity does. */
function lastStatementMonth(): string {
  const d = new Date(`${DEFAULT_AS_OF}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Onboards the reproducible demo population (the other subgraphs derive the same ids from the
 * same seed), gives each customer six statements derived from the simulator and scores them, so
 * creditProfile answers from the first request.
 */
export async function seedDemoCustomers(database: Database, seed: string, count: number, logger: Logger): Promise<void> {
  const repo = new CustomerRepository(database.dataSource);
  if ((await repo.count()) > 0) return;
  const population = generatePopulation({ seed, customers: count });
  await repo.insertMany(
    population.map(({ id, region, onboardedAt, declaredAnnualIncome, birthYear, education }) => ({
      id,
      region,
      onboardedAt,
      declaredAnnualIncome,
      birthYear,
      education,
    })),
  );
  const deps = scoringDeps(database, systemClock);
  const last = lastStatementMonth();
  await deps.statements.insertMany(population.flatMap((c) => demoStatements(seed, c, last).map((s) => ({ ...s, customerId: c.id }))));
  await deps.registry.ensureChampion(defaultModel(), systemClock.now());
  const { scored } = await rescoreAll(deps, { batchSize: 1000 });
  logger.info({ customers: count, scored }, 'seeded demo customers with statements and scores');
}
