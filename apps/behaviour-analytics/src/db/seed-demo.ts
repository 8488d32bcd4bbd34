import { generatePopulation, DEFAULT_AS_OF } from '@jc/simulator';
import type { Database, Logger } from '@jc/subgraph-kit';
import { BehaviourProfileRepository } from './behaviour-profile-repository';

/** Stores a profile for each demo customer at the simulator's lifecycle stage for them. */
export async function seedDemoProfiles(database: Database, seed: string, count: number, logger: Logger): Promise<void> {
  const repo = new BehaviourProfileRepository(database.dataSource);
  if ((await repo.count()) > 0) return;
  const asOf = new Date(`${DEFAULT_AS_OF}T00:00:00Z`);
  const population = generatePopulation({ seed, customers: count });
  await repo.upsertMany(population.map((c) => ({ customerId: c.id, lifecycleStage: c.lifecycleHint, asOf })));
  logger.info({ customers: count }, 'seeded demo behaviour profiles');
}
