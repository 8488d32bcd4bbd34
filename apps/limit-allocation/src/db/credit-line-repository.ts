import { In, MoreThan, type DataSource, type EntityManager, type Repository } from 'typeorm';
import type { CreditLineRecord, LineAt } from '../model/credit-line';
import type { UpliftRecord } from '../model/uplift';
import type { LedgerEntryRecord } from '../model/utilisation';
import { CreditLineEntity } from './entities/credit-line.entity';
import { LedgerEntryEntity } from './entities/ledger-entry.entity';
import { UpliftEntity } from './entities/uplift.entity';
import { isOverBudget } from './portfolio-repository';

export class CreditLineRepository {
  private readonly repo: Repository<CreditLineEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(CreditLineEntity);
  }

  findByCustomerIds(ids: readonly string[]): Promise<CreditLineRecord[]> {
    return this.repo.findBy({ customerId: In([...ids]) });
  }

  /** Lines with the uplifts not yet ended at `at`, two queries for any number of customers. */
  async linesAt(ids: readonly string[], at: Date, m: EntityManager = this.dataSource.manager): Promise<LineAt[]> {
    const lines = await m.getRepository(CreditLineEntity).findBy({ customerId: In([...ids]) });
    if (lines.length === 0) return [];
    const uplifts = await m.getRepository(UpliftEntity).findBy({ customerId: In(lines.map((l) => l.customerId)), endsAt: MoreThan(at) });
    const byCustomer = new Map<string, UpliftRecord[]>();
    for (const u of uplifts) byCustomer.set(u.customerId, [...(byCustomer.get(u.customerId) ?? []), u]);
    return lines.map((line) => ({ line, uplifts: byCustomer.get(line.customerId) ?? [], at }));
  }

  async insertMany(lines: CreditLineRecord[]): Promise<void> {
    for (let i = 0; i < lines.length; i += 1000) {
      await this.repo.createQueryBuilder().insert().values(lines.slice(i, i + 1000)).orIgnore().execute();
    }
  }

  /**
   * Adds an overlay to an ACTIVE line whose named products are open (base limit above zero), if
   * its added joint exposure (the larger product increment) fits what the portfolio budget has left
   * beside the granted limits and the other overlays, as the trigger on uplifts checks under the
   * budget row's lock. The line is share-locked, so a concurrent change of its status or limits
   * lands before (and is seen) or after the overlay. 'LINE_REFUSED' (no such line, or it no longer
   * qualifies) or 'OVER_BUDGET' when nothing was written.
   */
  async insertUplift(uplift: UpliftRecord): Promise<'ADDED' | 'LINE_REFUSED' | 'OVER_BUDGET'> {
    try {
      const rows: unknown[] = await this.dataSource.query(
        `INSERT INTO uplifts (id, customer_id, cash_loan, pay_later, amount, multiplier, starts_at, ends_at, reason, created_at)
         SELECT $1, customer_id, $3, $4, $5, $6, $7, $8, $9, $10 FROM credit_lines
         WHERE customer_id = $2 AND status = 'ACTIVE' AND (NOT $3 OR cash_loan_limit > 0) AND (NOT $4 OR pay_later_limit > 0)
         FOR SHARE
         RETURNING id`,
        [uplift.id, uplift.customerId, uplift.cashLoan, uplift.payLater, uplift.amount, uplift.multiplier, uplift.startsAt, uplift.endsAt, uplift.reason, uplift.createdAt],
      );
      return rows.length === 0 ? 'LINE_REFUSED' : 'ADDED';
    } catch (err) {
      // the budget trigger on uplifts rolled the insert back
      if (isOverBudget(err)) return 'OVER_BUDGET';
      throw err;
    }
  }

  /** Newest first; `before` is an entry id from a cursor. */
  ledgerPage(customerId: string, limit: number, before?: string): Promise<LedgerEntryRecord[]> {
    const q = this.dataSource
      .getRepository(LedgerEntryEntity)
      .createQueryBuilder('e')
      .where('e.customer_id = :customerId', { customerId })
      .orderBy('e.id', 'DESC')
      .limit(limit);
    if (before) q.andWhere('e.id < :before', { before });
    return q.getMany();
  }

  count(): Promise<number> {
    return this.repo.count();
  }
}
