import { generatePopulation } from '@jc/simulator';
import type { Logger } from '@jc/subgraph-kit';
import { CustomerRepository } from './customer-repository';
import type { Database } from '@jc/subgraph-kit';

/** Onboards the reproducible demo population; the other subgraphs derive the same ids from the same seed. */
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
  logger.info({ customers: count }, 'seeded demo customers');
}
