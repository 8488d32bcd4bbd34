import { DEFAULT_AS_OF, generatePopulation } from '@jc/simulator';
import type { Database, Logger } from '@jc/subgraph-kit';
import { systemClock, type Clock } from '@jc/domain';
import { defaultModel } from '../model/default-model';
import { demoStatements } from '../model/demo-statements';
import { CustomerRepository } from './customer-repository';
import { rescoreAll } from './rescoring';
import { scoringDeps } from '../server';

/** The last whole statement month before the demo's "today" (its first day), so the demo history ends where its activity does. */
function lastStatementMonth(asOf: string): string {
  const d = new Date(`${asOf}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
}

/**
 * Onboards the reproducible demo population (the other subgraphs derive the same ids from the
 * same seed), gives each customer six statements derived from the simulator and scores them, so
 * creditProfile answers from the first request. `asOf` is the demo's "today" (the services agree on it).
 * `clock` must be the server's: the scores and the champion's registration are stamped with it, and
 * a seeded score later than the server's now would sort after every score the server makes.
 */
export async function seedDemoCustomers(database: Database, seed: string, count: number, logger: Logger, asOf = DEFAULT_AS_OF, clock: Clock = systemClock): Promise<void> {
  const repo = new CustomerRepository(database.dataSource);
  if ((await repo.count()) > 0) return;
  const population = generatePopulation({ seed, customers: count, asOf });
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
  const deps = scoringDeps(database, clock, undefined, logger);
  const last = lastStatementMonth(asOf);
  await deps.statements.insertMany(population.flatMap((c) => demoStatements(seed, c, last).map((s) => ({ ...s, customerId: c.id }))));
  await deps.registry.ensureChampion(defaultModel(), clock.now());
  const { scored } = await rescoreAll(deps, { batchSize: 1000 });
  logger.info({ customers: count, scored }, 'seeded demo customers with statements and scores');
}
