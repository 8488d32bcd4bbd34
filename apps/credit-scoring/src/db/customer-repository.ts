import { In, MoreThan, type DataSource, type Repository } from 'typeorm';
import type { CustomerRecord } from '../model/customer';
import { CustomerEntity } from './entities/customer.entity';

export class CustomerRepository {
  private readonly repo: Repository<CustomerEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(CustomerEntity);
  }

  findByIds(ids: readonly string[]): Promise<CustomerRecord[]> {
    return this.repo.findBy({ id: In([...ids]) });
  }

  /** Keyset page in id order; asks for one extra row so the caller knows whether more exist. */
  page(limit: number, afterId?: string): Promise<CustomerRecord[]> {
    return this.repo.find({ where: afterId ? { id: MoreThan(afterId) } : {}, order: { id: 'ASC' }, take: limit });
  }

  async insert(customer: CustomerRecord): Promise<void> {
    await this.repo.insert(customer);
  }

  /** Bulk insert that skips ids already present, so seeding can be re-run safely. */
  async insertMany(customers: CustomerRecord[]): Promise<void> {
    for (let i = 0; i < customers.length; i += 1000) {
      await this.repo.createQueryBuilder().insert().values(customers.slice(i, i + 1000)).orIgnore().execute();
    }
  }

  count(): Promise<number> {
    return this.repo.count();
  }
}
