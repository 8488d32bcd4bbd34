import type { DataSource, EntityManager } from 'typeorm';
import { conflict, isUniqueViolation } from '@jc/subgraph-kit';
import { enqueueEvent, newEvent } from '@jc/events';
import type { Minor, Product } from '@jc/domain';
import type { AuthorizeRequest, HoldRecord, HoldStatus, RepayRequest } from '../model/utilisation';
import { fingerprint, utilisationRecorded } from '../model/utilisation';
import { SERVICE } from './database';
import { HoldEntity } from './entities/hold.entity';
import { COLUMN, effectiveJoint, personCapCte, upliftIncrementsCte } from './guarded-sql';

export interface PlaceHold {
  holdId: string;
  request: AuthorizeRequest;
  expiresAt: Date;
  now: Date;
}

export interface OpeningBalance {
  holdId: string;
  customerId: string;
  product: Product;
  amount: Minor;
}


interface SettledHold {
  id: string;
  customer_id: string;
  product: Product;
  merchant: string | null;
}

function holdParams({ holdId, request: r, expiresAt, now }: PlaceHold): unknown[] {
  return [r.customerId, r.product, r.amount, now, holdId, r.merchant ?? null, expiresAt];
}

/**
 * The guarded hold: the line's WHERE clause is the invariant (per product, and jointly against the
 * joint limit this product may use: the base plus the overlays naming it, within the policy's
 * per-person cap), and the hold and its ledger entry exist only if the line moved. The joint
 * ceiling it writes is the outer bound (every active overlay), which the CHECK constraint holds.
 * With `withKey`, the statement also refuses a known key ($8) and records the key's answer.
 */
function holdStatement(product: Product, withKey: boolean): string {
  const p = COLUMN[product];
  const pu = product === 'CASH_LOAN' ? 'cl' : 'pl';
  const cashFrozen = product === 'CASH_LOAN' ? 'AND NOT l.cash_loan_draws_frozen' : '';
  const keyUnknown = withKey ? 'AND NOT EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.key = $8)' : '';
  const claim = withKey
    ? `, claim AS (
         INSERT INTO idempotency_keys (key, operation, request, result, created_at)
         SELECT $8, 'authorize', $9, json_build_object('approved', true, 'holdId', id), $4 FROM hold
       )`
    : '';
  return `WITH ${upliftIncrementsCte('$1', '$4')}, ${personCapCte},
       line AS (
         UPDATE credit_lines l SET
           ${p}_held = l.${p}_held + $3,
           ${p}_ceiling = l.${p}_limit + u.${pu},
           joint_ceiling = ${effectiveJoint('pc.cap', 'u.jt')},
           updated_at = $4
         FROM u, pc
         WHERE l.customer_id = $1 AND l.status = 'ACTIVE' ${cashFrozen} ${keyUnknown}
           AND l.${p}_used + l.${p}_held + $3 <= l.${p}_limit + u.${pu}
           AND l.cash_loan_used + l.cash_loan_held + l.pay_later_used + l.pay_later_held + $3 <= ${effectiveJoint('pc.cap', `u.j${pu}`)}
         RETURNING l.customer_id
       ),
       hold AS (
         INSERT INTO holds (id, customer_id, product, amount, captured, status, merchant, expires_at, created_at)
         SELECT $5, customer_id, $2, $3, 0, 'HELD', $6, $7, $4 FROM line
         RETURNING id
       ),
       entry AS (
         INSERT INTO ledger_entries (customer_id, product, kind, hold_id, held_delta, used_delta, at)
         SELECT $1, $2, 'AUTHORIZE', id, $3, 0, $4 FROM hold
       )${claim}
       SELECT id FROM hold`;
}

/** The statement texts, built once: they depend only on the product and whether a key rides along. */
const HOLD_STATEMENTS: Record<Product, { plain: string; keyed: string }> = {
  CASH_LOAN: { plain: holdStatement('CASH_LOAN', false), keyed: holdStatement('CASH_LOAN', true) },
  PAY_LATER: { plain: holdStatement('PAY_LATER', false), keyed: holdStatement('PAY_LATER', true) },
};

/** The part of a pg pool the hot path uses. */
interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: { id: string }[] }>;
}

/** An idempotent step either ran now or had already run; `stored` is what the first run answered. */
export type Idempotent<T> = { fresh: true; value: T } | { fresh: false; stored: T };

/**
 * Every movement on a line is one guarded statement that changes the line, the hold and the ledger
 * together or not at all; the WHERE clause is the invariant, so nothing is read first and then
 * written. Requests with idempotency keys wrap that statement in a short transaction with the key.
 */
export class UtilisationRepository {
  /**
   * The driver's own pg pool (the one TypeORM draws from, so PGlite's single connection is still
   * shared in turn). The common authorisation is a single statement outside any transaction, so it
   * goes to the pool directly as a named prepared statement: each connection parses and plans the
   * CTE once instead of on every request, and TypeORM's query-runner round trip is skipped.
   */
  private readonly pool: PgPool | null;

  constructor(private readonly dataSource: DataSource) {
    const master = (dataSource as { driver?: { master?: unknown } } | null)?.driver?.master as PgPool | undefined;
    this.pool = master && typeof master.query === 'function' ? master : null;
  }

  /** Places the hold if the line has room; null when the guard refused it. */
  async placeHold(m: EntityManager, hold: PlaceHold): Promise<string | null> {
    const rows: { id: string }[] = await m.query(HOLD_STATEMENTS[hold.request.product].plain, holdParams(hold));
    return rows[0]?.id ?? null;
  }

  /**
   * The common case in one statement: places the hold and stores its key's answer together, unless
   * the key is already known. A concurrent duplicate's key insert waits for the first and then fails
   * on the primary key, which rolls back its whole statement, hold and ledger entry included.
   * Returns null when nothing was placed (key known, line refused, or that collision): the caller
   * then goes the transactional way, which answers each of those.
   */
  async placeHoldWithKey(hold: PlaceHold): Promise<string | null> {
    const product = hold.request.product;
    const values = [...holdParams(hold), hold.request.idempotencyKey, fingerprint('authorize', hold.request)];
    try {
      const rows = this.pool
        ? (await this.pool.query({ name: `jc_hold_keyed_${COLUMN[product]}`, text: HOLD_STATEMENTS[product].keyed, values })).rows
        : ((await this.dataSource.query(HOLD_STATEMENTS[product].keyed, values)) as { id: string }[]);
      return rows[0]?.id ?? null;
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  /**
   * Settles a HELD, unexpired hold for at most its amount; the rest goes back to the line. The draw
   * is announced (utilisation.recorded) in the same transaction, so the event exists exactly when
   * the capture does.
   */
  async capture(holdId: string, amount: Minor, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const [settled] = await this.settle(m, holdId, 'CAPTURED', amount, now, `AND expires_at > $3 AND amount >= $2`);
      if (!settled) return false;
      const hold = { id: settled.id, customerId: settled.customer_id, product: settled.product, merchant: settled.merchant };
      await enqueueEvent(m, newEvent('utilisation.recorded', SERVICE, utilisationRecorded(hold, amount, now), now), now);
      return true;
    });
  }

  async release(holdId: string, now: Date): Promise<boolean> {
    return (await this.settle(this.dataSource.manager, holdId, 'RELEASED', 0, now, '')).length === 1;
  }

  private async settle(m: EntityManager, holdId: string, status: HoldStatus, captured: Minor, now: Date, guard: string): Promise<SettledHold[]> {
    const kind = status === 'CAPTURED' ? 'CAPTURE' : 'RELEASE';
    return m.query(
      `WITH h AS (
         UPDATE holds SET status = '${status}', captured = $2, settled_at = $3
         WHERE id = $1 AND status = 'HELD' ${guard}
         RETURNING id, customer_id, product, amount, merchant
       ),
       line AS (
         UPDATE credit_lines l SET
           cash_loan_held = l.cash_loan_held - CASE WHEN h.product = 'CASH_LOAN' THEN h.amount ELSE 0 END,
           cash_loan_used = l.cash_loan_used + CASE WHEN h.product = 'CASH_LOAN' THEN $2::bigint ELSE 0 END,
           pay_later_held = l.pay_later_held - CASE WHEN h.product = 'PAY_LATER' THEN h.amount ELSE 0 END,
           pay_later_used = l.pay_later_used + CASE WHEN h.product = 'PAY_LATER' THEN $2::bigint ELSE 0 END,
           updated_at = $3
         FROM h WHERE l.customer_id = h.customer_id
       ),
       entry AS (
         INSERT INTO ledger_entries (customer_id, product, kind, hold_id, held_delta, used_delta, at)
         SELECT customer_id, product, '${kind}', id, -amount, $2, $3 FROM h
       )
       SELECT id, customer_id, product, merchant FROM h`,
      [holdId, captured, now],
    );
  }

  /** Expires up to `batch` holds past their expiry; returns how many. */
  async expireStale(now: Date, batch = 1000): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `WITH h AS (
         UPDATE holds SET status = 'EXPIRED', settled_at = $1
         WHERE id IN (SELECT id FROM holds WHERE status = 'HELD' AND expires_at <= $1 ORDER BY expires_at LIMIT $2)
           AND status = 'HELD' AND expires_at <= $1
         RETURNING id, customer_id, product, amount
       ),
       agg AS (
         SELECT customer_id,
                coalesce(sum(amount) FILTER (WHERE product = 'CASH_LOAN'), 0) AS cl,
                coalesce(sum(amount) FILTER (WHERE product = 'PAY_LATER'), 0) AS pl
         FROM h GROUP BY customer_id
       ),
       line AS (
         UPDATE credit_lines l SET cash_loan_held = l.cash_loan_held - agg.cl, pay_later_held = l.pay_later_held - agg.pl, updated_at = $1
         FROM agg WHERE l.customer_id = agg.customer_id
       ),
       entry AS (
         INSERT INTO ledger_entries (customer_id, product, kind, hold_id, held_delta, used_delta, at)
         SELECT customer_id, product, 'EXPIRE', id, -amount, 0, $1 FROM h
       )
       SELECT count(*)::int AS n FROM h`,
      [now, batch],
    );
    return rows[0]?.n ?? 0;
  }

  /** Lowers the drawn balance; null when the line is missing or owes less than the amount. */
  async applyRepayment(m: EntityManager, r: RepayRequest, now: Date): Promise<boolean> {
    const p = COLUMN[r.product];
    const rows: unknown[] = await m.query(
      `WITH line AS (
         UPDATE credit_lines SET ${p}_used = ${p}_used - $3, updated_at = $4
         WHERE customer_id = $1 AND ${p}_used >= $3
         RETURNING customer_id
       ),
       entry AS (
         INSERT INTO ledger_entries (customer_id, product, kind, hold_id, held_delta, used_delta, at)
         SELECT customer_id, $2, 'REPAY', NULL, 0, -$3::bigint, $4 FROM line
       )
       SELECT customer_id FROM line`,
      [r.customerId, r.product, r.amount, now],
    );
    return rows.length === 1;
  }

  /**
   * Runs `step` once per idempotency key. A concurrent duplicate waits on the key's row until the
   * first commits, then reads its answer; a step that throws rolls the key back with everything else.
   */
  async once<T>(operation: string, key: string, request: AuthorizeRequest | RepayRequest, now: Date, step: (m: EntityManager) => Promise<T>): Promise<Idempotent<T>> {
    const print = fingerprint(operation, request);
    return this.dataSource.transaction(async (m) => {
      const claimed: unknown[] = await m.query(
        `INSERT INTO idempotency_keys (key, operation, request, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING RETURNING key`,
        [key, operation, print, now],
      );
      if (claimed.length === 0) {
        const [first]: { request: string; result: T }[] = await m.query(`SELECT request, result FROM idempotency_keys WHERE key = $1`, [key]);
        if (!first || first.request !== print) throw conflict(`idempotencyKey ${key} was already used for a different request`);
        return { fresh: false as const, stored: first.result };
      }
      const value = await step(m);
      await m.query(`UPDATE idempotency_keys SET result = $2 WHERE key = $1`, [key, JSON.stringify(value ?? null)]);
      return { fresh: true as const, value };
    });
  }

  /**
   * Balances lines already carry when the platform takes them over (the demo's simulated book).
   * Each is written as a draw would be, a captured hold with its AUTHORIZE and CAPTURE entries, so
   * the ledger still adds up to every line. Nothing is announced: the owner knew of them first.
   */
  async recordOpeningBalances(balances: readonly OpeningBalance[], at: Date): Promise<void> {
    if (balances.length === 0) return;
    const params = [balances.map((b) => b.holdId), balances.map((b) => b.customerId), balances.map((b) => b.product), balances.map((b) => b.amount), at];
    const rows = `unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS b(id, customer_id, product, amount, n)`;
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO holds (id, customer_id, product, amount, captured, status, merchant, expires_at, created_at, settled_at)
         SELECT id, customer_id, product, amount, amount, 'CAPTURED', 'opening balance', $5, $5, $5 FROM ${rows}`,
        params,
      );
      await m.query(
        `INSERT INTO ledger_entries (customer_id, product, kind, hold_id, held_delta, used_delta, at)
         SELECT customer_id, product, k.kind, id, k.held * amount, k.used * amount, $5
           FROM ${rows} CROSS JOIN (VALUES (1, 'AUTHORIZE', 1, 0), (2, 'CAPTURE', -1, 1)) AS k(step, kind, held, used)
          ORDER BY b.n, k.step`,
        params,
      );
      await m.query(
        `UPDATE credit_lines l SET
           cash_loan_used = l.cash_loan_used + t.cash_loan,
           pay_later_used = l.pay_later_used + t.pay_later,
           updated_at = $5
         FROM (SELECT customer_id,
                      sum(CASE WHEN product = 'CASH_LOAN' THEN amount ELSE 0 END) AS cash_loan,
                      sum(CASE WHEN product = 'PAY_LATER' THEN amount ELSE 0 END) AS pay_later
                 FROM ${rows} GROUP BY customer_id) t
         WHERE l.customer_id = t.customer_id`,
        params,
      );
    });
  }

  findHolds(ids: readonly string[]): Promise<HoldRecord[]> {
    return this.dataSource.getRepository(HoldEntity).createQueryBuilder('h').where('h.id IN (:...ids)', { ids: [...ids] }).getMany();
  }
}
