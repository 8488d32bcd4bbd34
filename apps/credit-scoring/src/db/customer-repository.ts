import { In, MoreThan, type DataSource, type Repository } from 'typeorm';
import { isUniqueViolation } from '@jc/subgraph-kit';
import type { CustomerRecord } from '../model/customer';
import { CustomerEntity } from './entities/customer.entity';

/** KEY_REUSED: the key was used for another request, and nothing was written. */
export type Onboarding = { outcome: 'CREATED' | 'REPLAYED'; customer: CustomerRecord } | { outcome: 'KEY_REUSED' };

/** An idempotency key and the fingerprint of the request that carries it. */
export interface RequestKey {
  key: string;
  fingerprint: string;
}

const PROFILE = { id: true, region: true, onboardedAt: true, declaredAnnualIncome: true, birthYear: true, education: true } as const;

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

  /**
   * Inserts the customer, or with a key already used answers from the customer that key made.
   * Two requests with one key may both find it unused; the unique index then refuses the later
   * insert, which answers from the earlier one.
   */
  async insertOnce(customer: CustomerRecord, requestKey: RequestKey | null): Promise<Onboarding> {
    if (requestKey) {
      const earlier = await this.replay(requestKey);
      if (earlier) return earlier;
    }
    try {
      await this.repo.insert({ ...customer, idempotencyKey: requestKey?.key ?? null, requestFingerprint: requestKey?.fingerprint ?? null });
    } catch (err) {
      const earlier = requestKey && isUniqueViolation(err) ? await this.replay(requestKey) : null;
      if (earlier) return earlier;
      throw err;
    }
    return { outcome: 'CREATED', customer };
  }

  /** What the key's earlier request made, or null when the key is unused. */
  private async replay({ key, fingerprint }: RequestKey): Promise<Onboarding | null> {
    const row = await this.findByIdempotencyKey(key);
    if (!row) return null;
    const { requestFingerprint, ...customer } = row;
    return requestFingerprint === fingerprint ? { outcome: 'REPLAYED', customer } : { outcome: 'KEY_REUSED' };
  }

  findByIdempotencyKey(key: string): Promise<(CustomerRecord & { requestFingerprint?: string | null }) | null> {
    return this.repo.findOne({ where: { idempotencyKey: key }, select: { ...PROFILE, requestFingerprint: true } });
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
