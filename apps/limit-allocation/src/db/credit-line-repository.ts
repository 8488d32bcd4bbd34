import { In, type DataSource, type Repository } from 'typeorm';
import type { CreditLineRecord } from '../model/credit-line';
import { CreditLineEntity } from './entities/credit-line.entity';

export class CreditLineRepository {
  private readonly repo: Repository<CreditLineEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(CreditLineEntity);
  }

  findByCustomerIds(ids: readonly string[]): Promise<CreditLineRecord[]> {
    return this.repo.findBy({ customerId: In([...ids]) });
  }

  /** Inserts the line unless the customer already has one; tells which happened. */
  async insertIfAbsent(line: CreditLineRecord): Promise<boolean> {
    const result = await this.repo.createQueryBuilder().insert().values(line).orIgnore().returning('customer_id').execute();
    return result.raw.length === 1;
  }

  async insertMany(lines: CreditLineRecord[]): Promise<void> {
    for (let i = 0; i < lines.length; i += 1000) {
      await this.repo.createQueryBuilder().insert().values(lines.slice(i, i + 1000)).orIgnore().execute();
    }
  }

  count(): Promise<number> {
    return this.repo.count();
  }
}
