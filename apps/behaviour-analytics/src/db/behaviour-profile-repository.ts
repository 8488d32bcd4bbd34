import { In, type DataSource, type Repository } from 'typeorm';
import type { BehaviourProfileRecord } from '../model/behaviour-profile';
import { BehaviourProfileEntity } from './entities/behaviour-profile.entity';

export class BehaviourProfileRepository {
  private readonly repo: Repository<BehaviourProfileEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(BehaviourProfileEntity);
  }

  findByCustomerIds(ids: readonly string[]): Promise<BehaviourProfileRecord[]> {
    return this.repo.findBy({ customerId: In([...ids]) });
  }

  async upsertMany(profiles: (BehaviourProfileRecord & { asOf: Date })[]): Promise<void> {
    for (let i = 0; i < profiles.length; i += 1000) {
      await this.repo.upsert(profiles.slice(i, i + 1000), ['customerId']);
    }
  }

  count(): Promise<number> {
    return this.repo.count();
  }
}
