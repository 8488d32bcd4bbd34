import type { Queryable } from './queryable';
import type { LineStatus } from '@jc/domain';
import type { LineTerms } from '../model/policy';
import { STATUS_RULES, type StatusChange } from '../model/line-status';
import { currentPersonCap } from './guarded-sql';

/** Terms as a decision record keeps them; records from before status changes lack the status. */
export type RecordedTerms = LineTerms & { status?: LineStatus };

export interface DecisionRecord {
  id: string;
  customerId: string;
  trigger: string;
  policyVersion: number | null;
  inputs: unknown;
  before: RecordedTerms | null;
  after: RecordedTerms;
  reasonCodes: string[];
  actor: string;
  decidedAt: Date;
}

export interface NewDecision {
  customerId: string;
  trigger: string;
  policyVersion: number | null;
  inputs: unknown;
  terms: LineTerms;
  reasonCodes: string[];
  actor: string;
  at: Date;
}

type Row = Record<string, any>;
export const toDecision = (r: Row): DecisionRecord => ({
  id: String(r.id),
  customerId: r.customer_id,
  trigger: r.trigger,
  policyVersion: r.policy_version,
  inputs: r.inputs,
  before: r.before,
  after: r.after,
  reasonCodes: r.reason_codes,
  actor: r.actor,
  decidedAt: r.decided_at,
});

/** A credit_lines row's terms as the JSON a decision record keeps; jsonb at once, not text parsed again. */
export const terms = (t: string) => `jsonb_build_object(
  'jointLimit', ${t}.joint_limit, 'cashLoanLimit', ${t}.cash_loan_limit, 'payLaterLimit', ${t}.pay_later_limit,
  'cashLoanApr', ${t}.cash_loan_apr, 'payLaterApr', ${t}.pay_later_apr, 'tier', ${t}.tier, 'cashLoanDrawsFrozen', ${t}.cash_loan_draws_frozen, 'status', ${t}.status)`;

/**
 * SET clauses giving a credit_lines row (as `l`) the limits of `source` (columns joint_limit,
 * cash_loan_limit, pay_later_limit), none so low that its effective limit, with the overlays
 * active at `at`, falls below what is drawn and held by then (model/drawn-floor.ts, to the fen):
 * the base never takes in what an overlay lends. The ceilings, which the CHECK constraints hold
 * above what is drawn and held, become the base limits or what is drawn and held, the larger.
 */
export function limitsNotBelowDrawn(source: string, at: string): string {
  const drawn = (p: string) => `l.${p}_used + l.${p}_held`;
  const product = (p: 'cash_loan' | 'pay_later', name: string) => `CASE WHEN ${source}.${p}_limit >= ${drawn(p)} THEN ${source}.${p}_limit
             ELSE greatest(${source}.${p}_limit, base_limit_floor(l.customer_id, '${name}', ${drawn(p)}, ${at})) END`;
  const cashLoan = product('cash_loan', 'CASH_LOAN');
  const payLater = product('pay_later', 'PAY_LATER');
  const joint = `${drawn('cash_loan')} + ${drawn('pay_later')}`;
  return `joint_limit = CASE WHEN ${source}.joint_limit >= ${joint} THEN ${source}.joint_limit
             ELSE greatest(${source}.joint_limit, joint_limit_floor(l.customer_id, ${cashLoan}, ${payLater}, ${joint}, ${at}, ${currentPersonCap})) END,
           cash_loan_limit = ${cashLoan},
           pay_later_limit = ${payLater},
           joint_ceiling = greatest(${source}.joint_limit, ${joint}),
           cash_loan_ceiling = greatest(${source}.cash_loan_limit, ${drawn('cash_loan')}),
           pay_later_ceiling = greatest(${source}.pay_later_limit, ${drawn('pay_later')})`;
}

/**
 * Limit changes and their decision records, written by one statement each: the record's before is
 * the row as locked, its after the row as written, and no effective limit lands below what is drawn and held.
 */
export class DecisionRepository {
  constructor(private readonly dataSource: Queryable) {}

  /** Changes an existing line; null when the customer has none. */
  async applyToLine(d: NewDecision): Promise<DecisionRecord | null> {
    return (await this.applyToLines([d], d.at)).get(d.customerId) ?? null;
  }

  /**
   * Changes several existing lines in one statement, each as applyToLine would (one record per
   * customer, all decided at `at`); customers without a line are left out of the result.
   */
  async applyToLines(decisions: readonly NewDecision[], at: Date): Promise<Map<string, DecisionRecord>> {
    if (decisions.length === 0) return new Map();
    const input = decisions.map((d) => ({
      customer_id: d.customerId,
      joint_limit: d.terms.jointLimit,
      cash_loan_limit: d.terms.cashLoanLimit,
      pay_later_limit: d.terms.payLaterLimit,
      cash_loan_apr: d.terms.cashLoanApr,
      pay_later_apr: d.terms.payLaterApr,
      tier: d.terms.tier,
      cash_loan_draws_frozen: d.terms.cashLoanDrawsFrozen,
      trigger: d.trigger,
      policy_version: d.policyVersion,
      inputs: d.inputs,
      reason_codes: d.reasonCodes,
      actor: d.actor,
    }));
    const rows: Row[] = await this.dataSource.query(
      `WITH i AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(customer_id text, joint_limit bigint, cash_loan_limit bigint, pay_later_limit bigint,
           cash_loan_apr numeric, pay_later_apr numeric, tier text, cash_loan_draws_frozen boolean, trigger text, policy_version integer,
           inputs jsonb, reason_codes jsonb, actor text)
       ),
       old AS (SELECT l.* FROM credit_lines l JOIN i ON i.customer_id = l.customer_id ORDER BY l.customer_id FOR UPDATE OF l),
       upd AS (
         UPDATE credit_lines l SET
           ${limitsNotBelowDrawn('i', '$2')},
           cash_loan_apr = i.cash_loan_apr, pay_later_apr = i.pay_later_apr, tier = i.tier, cash_loan_draws_frozen = i.cash_loan_draws_frozen, updated_at = $2
         FROM i, old WHERE l.customer_id = i.customer_id AND old.customer_id = i.customer_id
         RETURNING l.*
       )
       INSERT INTO limit_decisions (customer_id, trigger, policy_version, inputs, before, after, reason_codes, actor, decided_at)
       SELECT i.customer_id, i.trigger, i.policy_version, i.inputs, ${terms('old')}, ${terms('upd')},
              ARRAY(SELECT jsonb_array_elements_text(i.reason_codes)), i.actor, $2
         FROM i JOIN old ON old.customer_id = i.customer_id JOIN upd ON upd.customer_id = i.customer_id
       RETURNING *`,
      [JSON.stringify(input), at],
    );
    return new Map(rows.map((r) => [r.customer_id as string, toDecision(r)]));
  }

  /**
   * Moves a line between statuses in one statement: the WHERE clause holds the allowed starting
   * statuses and, for closing, nothing drawn or held, so a concurrent hold either lands first (and
   * the close is refused) or waits on the row and then finds the line no longer ACTIVE.
   * Null when nothing changed; the caller reads the line to say why.
   */
  async changeStatus(change: StatusChange, customerId: string, reasons: string[], actor: string, at: Date): Promise<DecisionRecord | null> {
    const rule = STATUS_RULES[change];
    const nothingOutstanding = rule.requiresNothingOutstanding
      ? 'AND l.cash_loan_used = 0 AND l.cash_loan_held = 0 AND l.pay_later_used = 0 AND l.pay_later_held = 0'
      : '';
    const rows: Row[] = await this.dataSource.query(
      `WITH old AS (SELECT * FROM credit_lines WHERE customer_id = $1 FOR UPDATE),
       upd AS (
         UPDATE credit_lines l SET status = $2, updated_at = $3
         FROM old WHERE l.customer_id = old.customer_id AND l.status = ANY($4::text[]) ${nothingOutstanding}
         RETURNING l.*
       )
       INSERT INTO limit_decisions (customer_id, trigger, policy_version, inputs, before, after, reason_codes, actor, decided_at)
       SELECT $1, $5, NULL, $6, ${terms('old')}, ${terms('upd')}, $7, $8, $3 FROM old JOIN upd ON upd.customer_id = old.customer_id
       RETURNING *`,
      [customerId, rule.to, at, rule.from, `MANUAL_${change}`, JSON.stringify({ change, reasons }), reasons, actor],
    );
    return rows[0] ? toDecision(rows[0]) : null;
  }

  /** Opens a line with the decided terms; null when the customer already has one. */
  async openLine(d: NewDecision): Promise<DecisionRecord | null> {
    const t = d.terms;
    const rows: Row[] = await this.dataSource.query(
      `WITH ins AS (
         INSERT INTO credit_lines (customer_id, status, tier, joint_limit, cash_loan_limit, pay_later_limit, joint_ceiling, cash_loan_ceiling, pay_later_ceiling,
                                   cash_loan_apr, pay_later_apr, cash_loan_draws_frozen, opened_at, updated_at)
         VALUES ($1, 'ACTIVE', $7, $2, $3, $4, $2, $3, $4, $5, $6, $8, $9, $9)
         ON CONFLICT (customer_id) DO NOTHING
         RETURNING *
       )
       INSERT INTO limit_decisions (customer_id, trigger, policy_version, inputs, before, after, reason_codes, actor, decided_at)
       SELECT $1, $10, $11, $12, NULL, ${terms('ins')}, $13, $14, $9 FROM ins
       RETURNING *`,
      [d.customerId, t.jointLimit, t.cashLoanLimit, t.payLaterLimit, t.cashLoanApr, t.payLaterApr, t.tier, t.cashLoanDrawsFrozen, d.at, d.trigger, d.policyVersion, JSON.stringify(d.inputs), d.reasonCodes, d.actor],
    );
    return rows[0] ? toDecision(rows[0]) : null;
  }

  /** Newest first; `before` is a decision id from a cursor. */
  async history(customerId: string, limit: number, before?: string): Promise<DecisionRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM limit_decisions WHERE customer_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
      [customerId, before ?? null, limit],
    );
    return rows.map(toDecision);
  }
}
