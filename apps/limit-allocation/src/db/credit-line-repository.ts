import { In, MoreThan, type DataSource, type EntityManager, type Repository } from 'typeorm';
import type { CreditLineRecord, LineAt } from '../model/credit-line';
import type { UpliftRecord } from '../model/uplift';
import type { LedgerEntryRecord } from '../model/utilisation';
import { CreditLineEntity } from './entities/credit-line.entity';
import { LedgerEntryEntity } from './entities/ledger-entry.entity';
import { UpliftEntity } from './entities/uplift.entity';

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
   * Adds an overlay to an existing line if its added joint exposure (the larger product increment)
   * fits what the portfolio budget has left: 'NO_LINE' or 'OVER_BUDGET' when nothing was written.
   */
  async insertUplift(uplift: UpliftRecord): Promise<'ADDED' | 'NO_LINE' | 'OVER_BUDGET'> {
    const inc = (base: string) => `coalesce($5::bigint, round(l.${base} * (round($6::numeric * 1000) - 1000) / 1000.0)::bigint)`;
    const rows: { added: boolean }[] = await this.dataSource.query(
      `WITH l AS (SELECT * FROM credit_lines WHERE customer_id = $2),
       fits AS (
         SELECT b.exposure_budget IS NULL
             OR b.granted + greatest(CASE WHEN $3 THEN ${inc('cash_loan_limit')} ELSE 0 END, CASE WHEN $4 THEN ${inc('pay_later_limit')} ELSE 0 END) <= b.exposure_budget AS ok
         FROM portfolio_budget b, l WHERE b.id = 1
       ),
       ins AS (
         INSERT INTO uplifts (id, customer_id, cash_loan, pay_later, amount, multiplier, starts_at, ends_at, reason, created_at)
         SELECT $1, l.customer_id, $3, $4, $5, $6, $7, $8, $9, $10 FROM l, fits WHERE fits.ok
         RETURNING id
       )
       SELECT EXISTS (SELECT 1 FROM ins) AS added FROM l`,
      [uplift.id, uplift.customerId, uplift.cashLoan, uplift.payLater, uplift.amount, uplift.multiplier, uplift.startsAt, uplift.endsAt, uplift.reason, uplift.createdAt],
    );
    if (rows.length === 0) return 'NO_LINE';
    return rows[0]!.added ? 'ADDED' : 'OVER_BUDGET';
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
