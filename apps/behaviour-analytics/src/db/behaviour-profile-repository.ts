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

  /** Up to `limit` customers after `afterId` (in id order) whose profile was derived before `before`. */
  async derivedBefore(before: Date, afterId: string, limit: number): Promise<string[]> {
    const rows: { customer_id: string }[] = await this.repo.query(
      `SELECT customer_id FROM behaviour_profiles WHERE customer_id > $1 AND as_of < $2 ORDER BY customer_id LIMIT $3`,
      [afterId, before, limit],
    );
    return rows.map((r) => r.customer_id);
  }
}
