import type { DataSource } from 'typeorm';
import { InputProblems } from '@jc/subgraph-kit';
import { CustomerRegionRepository } from '../db/customer-region-repository';
import { customerRegionProblems, type CustomerRegion } from '../model/customer-regions';

/** Validates the whole batch first (all or nothing); returns how many customers' regions changed. */
export async function recordCustomerRegions(dataSource: DataSource, items: readonly CustomerRegion[]): Promise<number> {
  const problems = new InputProblems();
  for (const p of customerRegionProblems(items)) problems.add(p.path, p.reason);
  problems.throwIfAny('Batch refused, nothing was stored');
  return new CustomerRegionRepository(dataSource.manager).upsert(items);
}
