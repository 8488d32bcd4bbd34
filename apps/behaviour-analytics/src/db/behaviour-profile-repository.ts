import { In, type DataSource, type Repository } from 'typeorm';
import type { BehaviourProfileRecord } from '../model/behaviour-profile';
import { BehaviourProfileEntity } from './entities/behaviour-profile.entity';

export class BehaviourProfileRepository {
  private readonly repo: Repository<BehaviourProfileEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(BehaviourProfileEntity);
  }

  async findByCustomerIds(ids: readonly string[]): Promise<BehaviourProfileRecord[]> {
    const rows = await this.repo.findBy({ customerId: In([...ids]) });
    return rows.map((r) => ({
      customerId: r.customerId,
      lifecycleStage: r.lifecycleStage,
      asOf: r.asOf,
      rulesVersion: r.rulesVersion,
      monthsSinceFirstUse: r.monthsSinceFirstUse,
      currentDaysPastDue: r.currentDaysPastDue,
      windows: r.windows,
    }));
  }

  count(): Promise<number> {
    return this.repo.count();
  }
}
