import type { DataSource, EntityManager } from 'typeorm';
import { queryArrays } from '@jc/subgraph-kit';
import { limitsNotBelowDrawn, terms } from './decision-repository';
import type { AllocationFilter, AllocationLine } from '../model/allocation-portfolio';
import type { OptimiserSettings } from '../model/optimiser-settings';
import type { AllocationMethod, ExpectedLossCap, LineProposal } from '../model/allocation-plan';
import type { AllocationTotals, SegmentResult } from '../model/allocation-totals';

export type AllocationStatus = 'SIMULATED' | 'APPLIED';

export interface AllocationSimulationRecord {
  id: string;
  method: AllocationMethod;
  policyVersion: number | null;
  championVersion: number;
  budget: number;
  filter: AllocationFilter;
  status: AllocationStatus;
  challenger: AllocationTotals;
  champion: AllocationTotals;
  segments: SegmentResult[];
  /** Set when the optimiser was held to an expected-loss cap. */
  expectedLossCap: ExpectedLossCap | null;
  /** The optimiser economics changed for this simulation; null when it ran on the defaults. */
  settings: OptimiserSettings | null;
  createdBy: string;
  createdAt: Date;
  appliedAt: Date | null;
}

export type NewSimulation = Omit<AllocationSimulationRecord, 'id' | 'status' | 'appliedAt'>;

/** A decision the application wrote, with the line's limits after it. */
export interface AppliedDecision {
  decisionId: string;
  customerId: string;
  jointLimit: number;
  cashLoanLimit: number;
  payLaterLimit: number;
  reasonCodes: string[];
  raised: boolean;
  lowered: boolean;
}

type Row = Record<string, any>;
const toSimulation = (r: Row): AllocationSimulationRecord => ({
  id: String(r.id),
  method: r.method,
  policyVersion: r.policy_version,
  championVersion: r.champion_version,
  budget: Number(r.budget),
  filter: r.filter,
  status: r.status,
  challenger: r.challenger,
  champion: r.champion,
  segments: r.segments,
  expectedLossCap: r.expected_loss_cap ?? null,
  settings: r.optimiser_settings ?? null,
  createdBy: r.created_by,
  createdAt: r.created_at,
  appliedAt: r.applied_at,
});

/** readLines' select list, in the order lineOf reads it. */
const LINE_COLUMNS = `l.customer_id, l.status, l.tier, l.joint_limit, l.cash_loan_limit, l.pay_later_limit,
  l.cash_loan_used + l.cash_loan_held, l.pay_later_used + l.pay_later_held, l.cash_loan_apr, l.pay_later_apr, l.cash_loan_draws_frozen,
  a.customer_id IS NOT NULL, s.score, s.pd, s.grade, s.lifecycle_stage, s.region, s.declared_income, s.behaviour_value,
  s.on_time_repayment_months, s.overdue, s.as_of`;

/** One readLines row; bigint and numeric arrive as text, and every amount here is far below 2^53. */
function lineOf(r: any[]): AllocationLine {
  return {
    customerId: r[0],
    status: r[1],
    tier: r[2],
    jointLimit: Number(r[3]),
    cashLoanLimit: Number(r[4]),
    payLaterLimit: Number(r[5]),
    cashLoanDrawn: Number(r[6]),
    payLaterDrawn: Number(r[7]),
    cashLoanApr: Number(r[8]),
    payLaterApr: Number(r[9]),
    cashLoanDrawsFrozen: r[10],
    underUplift: r[11],
    snapshot:
      r[12] === null
        ? null
        : {
            customerId: r[0],
            score: r[12],
            pd: Number(r[13]),
            grade: r[14],
            lifecycleStage: r[15],
            region: r[16],
            declaredIncome: Number(r[17]),
            behaviourValue: Number(r[18]),
            onTimeRepaymentMonths: r[19],
            overdue: r[20],
            asOf: r[21],
          },
  };
}

/** Customer ids bounding a range of proposals: after one (exclusive), up to another (inclusive); null is open. */
export interface ProposalRange {
  after: string | null;
  upTo: string | null;
}

/** Rows per statement when writing proposals: one JSON parameter each, far below any limit. */
const CHUNK = 20_000;

/**
 * A text[] literal, carried in the proposals' JSON as a string: json_to_recordset spends nearly
 * half its time on a row turning a JSON array into text[], and next to none casting the literal.
 */
const textArray = (values: readonly string[]): string => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/**
 * Simulations not applied that are kept, newest first: an analyst compares a handful of scenarios,
 * and each holds a proposal per changed line (up to the whole book), so older drafts are deleted
 * with their proposals when a new one is stored. Applied simulations stay, as the decisions' source.
 */
export const KEPT_DRAFT_SIMULATIONS = 10;

const LOWERS = `(p.joint_limit < p.before_joint OR p.cash_loan_limit < p.before_cash_loan OR p.pay_later_limit < p.before_pay_later)`;

/**
 * Simulations, their proposals, and applying them in bulk: one statement per direction moves every
 * line still as simulated, never below what is drawn and held, and records each decision.
 */
export class AllocationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every line that is not closed, with its latest risk snapshot when there is one, as at `at`. */
  async readLines(at: Date): Promise<AllocationLine[]> {
    const rows = await queryArrays(
      this.dataSource,
      `SELECT ${LINE_COLUMNS}
       FROM credit_lines l LEFT JOIN risk_snapshots s ON s.customer_id = l.customer_id
         LEFT JOIN (SELECT DISTINCT customer_id FROM uplifts WHERE starts_at <= $1 AND ends_at > $1) a ON a.customer_id = l.customer_id
       WHERE l.status <> 'CLOSED'
       ORDER BY l.customer_id`,
      [at],
    );
    return rows.map(lineOf);
  }

  /** The simulation and its proposals commit together, and drafts past the newest KEPT_DRAFT_SIMULATIONS go. */
  async save(sim: NewSimulation, proposals: readonly LineProposal[]): Promise<AllocationSimulationRecord> {
    return this.dataSource.transaction(async (m) => {
      const [row]: Row[] = await m.query(
        `INSERT INTO allocation_simulations (method, policy_version, champion_version, budget, filter, status, challenger, champion, segments, expected_loss_cap, optimiser_settings, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, 'SIMULATED', $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
        [
          sim.method,
          sim.policyVersion,
          sim.championVersion,
          sim.budget,
          JSON.stringify(sim.filter),
          JSON.stringify(sim.challenger),
          JSON.stringify(sim.champion),
          JSON.stringify(sim.segments),
          sim.expectedLossCap === null ? null : JSON.stringify(sim.expectedLossCap),
          sim.settings === null ? null : JSON.stringify(sim.settings),
          sim.createdBy,
          sim.createdAt,
        ],
      );
      const id = String(row!.id);
      for (let i = 0; i < proposals.length; i += CHUNK) {
        const chunk = proposals.slice(i, i + CHUNK).map((p) => ({
          c: p.customerId,
          bj: p.before.jointLimit,
          bc: p.before.cashLoanLimit,
          bp: p.before.payLaterLimit,
          j: p.after.jointLimit,
          cl: p.after.cashLoanLimit,
          pl: p.after.payLaterLimit,
          r: textArray(p.reasonCodes),
          s: p.snapshotAsOf,
        }));
        await m.query(
          `INSERT INTO allocation_proposals (simulation_id, customer_id, before_joint, before_cash_loan, before_pay_later, joint_limit, cash_loan_limit, pay_later_limit, reason_codes, snapshot_as_of)
           SELECT $1, x.c, x.bj, x.bc, x.bp, x.j, x.cl, x.pl, x.r::text[], x.s
           FROM json_to_recordset($2::json) AS x(c text, bj bigint, bc bigint, bp bigint, j bigint, cl bigint, pl bigint, r text, s timestamptz)`,
          [id, JSON.stringify(chunk)],
        );
      }
      // an application holding an old draft's row lock finishes first, and its draft, now APPLIED, stays
      await m.query(
        `DELETE FROM allocation_simulations WHERE status = 'SIMULATED'
           AND id < (SELECT min(id) FROM (SELECT id FROM allocation_simulations WHERE status = 'SIMULATED' ORDER BY id DESC LIMIT $1) newest)`,
        [KEPT_DRAFT_SIMULATIONS],
      );
      // fresh statistics, so applying joins thousands of proposals by hash rather than row by row
      if (proposals.length > 1_000) await m.query(`ANALYZE allocation_proposals`);
      return toSimulation(row!);
    });
  }

  async find(id: string, m: EntityManager = this.dataSource.manager): Promise<AllocationSimulationRecord | null> {
    const rows: Row[] = await m.query(`SELECT * FROM allocation_simulations WHERE id = $1`, [id]);
    return rows[0] ? toSimulation(rows[0]) : null;
  }

  /** Newest first; `before` is a simulation id from a cursor. */
  async list(limit: number, before?: string): Promise<AllocationSimulationRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM allocation_simulations WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2`,
      [before ?? null, limit],
    );
    return rows.map(toSimulation);
  }

  /** Proposals the simulation holds (for tests and audits). */
  async proposals(id: string): Promise<LineProposal[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM allocation_proposals WHERE simulation_id = $1 ORDER BY customer_id`, [id]);
    return rows.map((r) => ({
      customerId: r.customer_id,
      before: { jointLimit: Number(r.before_joint), cashLoanLimit: Number(r.before_cash_loan), payLaterLimit: Number(r.before_pay_later) },
      after: { jointLimit: Number(r.joint_limit), cashLoanLimit: Number(r.cash_loan_limit), payLaterLimit: Number(r.pay_later_limit) },
      reasonCodes: r.reason_codes,
      snapshotAsOf: r.snapshot_as_of === null ? null : new Date(r.snapshot_as_of),
    }));
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async proposalCount(m: EntityManager, id: string): Promise<number> {
    const [row]: Row[] = await m.query(`SELECT count(*)::int AS n FROM allocation_proposals WHERE simulation_id = $1`, [id]);
    return Number(row!.n);
  }

  /** Customer ids cutting the simulation's proposals into ranges of about `size`, each applied by one statement. */
  async proposalRanges(m: EntityManager, id: string, size: number): Promise<ProposalRange[]> {
    const rows: Row[] = await m.query(
      `SELECT customer_id FROM (SELECT customer_id, row_number() OVER (ORDER BY customer_id) AS n FROM allocation_proposals WHERE simulation_id = $1) x
       WHERE n % $2 = 0 ORDER BY customer_id`,
      [id, size],
    );
    const edges = [null, ...rows.map((r) => r.customer_id as string), null];
    return edges.slice(1).map((upTo, k) => ({ after: edges[k] ?? null, upTo }));
  }

  /** Locks the simulation row for the applying transaction. */
  async lock(m: EntityManager, id: string): Promise<AllocationSimulationRecord | null> {
    const rows: Row[] = await m.query(`SELECT * FROM allocation_simulations WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ? toSimulation(rows[0]) : null;
  }

  /**
   * Moves the lines of one direction in one range that are ACTIVE, still have the limits they had
   * when simulated and no risk snapshot newer than the one simulated; any other is skipped. The
   * update checks that on the row it locks, so the record's before is the simulated limits and, for
   * everything the update leaves alone (status, tier, rates, what is drawn), the row as written.
   * Decreases go first, so the budget trigger, which checks once per statement, sees the room they
   * free before the increases take it.
   */
  async applyProposals(m: EntityManager, sim: AllocationSimulationRecord, direction: 'LOWER' | 'RAISE', actor: string, at: Date, range: ProposalRange): Promise<AppliedDecision[]> {
    const rows: Row[] = await m.query(
      `WITH p AS (
         SELECT * FROM allocation_proposals p
         WHERE p.simulation_id = $1 AND ${direction === 'LOWER' ? LOWERS : `NOT ${LOWERS}`}
           AND ($6::text IS NULL OR p.customer_id > $6) AND ($7::text IS NULL OR p.customer_id <= $7)
       ),
       upd AS (
         UPDATE credit_lines l SET
           ${limitsNotBelowDrawn('p', '$2')},
           updated_at = $2
         FROM p
         WHERE l.customer_id = p.customer_id AND l.status = 'ACTIVE'
           AND ($6::text IS NULL OR l.customer_id > $6) AND ($7::text IS NULL OR l.customer_id <= $7)
           AND l.joint_limit = p.before_joint AND l.cash_loan_limit = p.before_cash_loan AND l.pay_later_limit = p.before_pay_later
           AND NOT EXISTS (SELECT 1 FROM risk_snapshots s WHERE s.customer_id = l.customer_id AND date_trunc('milliseconds', s.as_of) > p.snapshot_as_of)
         RETURNING l.*, p.before_joint, p.before_cash_loan, p.before_pay_later, p.reason_codes
       )
       -- the insert is the statement itself, not a CTE under a SELECT: its records, before and after
       -- in JSON, would otherwise be written to a temporary file and read back
       INSERT INTO limit_decisions (customer_id, trigger, policy_version, inputs, before, after, reason_codes, actor, decided_at)
       SELECT upd.customer_id, 'ALLOCATION', $3, jsonb_build_object('simulationId', $1::text, 'method', $4::text, 'drawn', jsonb_build_object(
                'cashLoan', upd.cash_loan_used + upd.cash_loan_held, 'payLater', upd.pay_later_used + upd.pay_later_held)),
              ${terms('old')}, ${terms('upd')}, upd.reason_codes, $5, $2
       FROM upd CROSS JOIN LATERAL (
         SELECT upd.before_joint AS joint_limit, upd.before_cash_loan AS cash_loan_limit, upd.before_pay_later AS pay_later_limit, upd.cash_loan_apr,
                upd.pay_later_apr, upd.tier, upd.cash_loan_draws_frozen, upd.status
       ) old
       RETURNING id, customer_id, reason_codes,
              (after->>'jointLimit')::bigint AS joint_limit, (after->>'cashLoanLimit')::bigint AS cash_loan_limit, (after->>'payLaterLimit')::bigint AS pay_later_limit,
              (before->>'jointLimit')::bigint AS before_joint, (before->>'cashLoanLimit')::bigint AS before_cash_loan, (before->>'payLaterLimit')::bigint AS before_pay_later`,
      [sim.id, at, sim.policyVersion ?? sim.championVersion, sim.method, actor, range.after, range.upTo],
    );
    return rows.map((r) => {
      const after = [Number(r.joint_limit), Number(r.cash_loan_limit), Number(r.pay_later_limit)] as const;
      const before = [Number(r.before_joint), Number(r.before_cash_loan), Number(r.before_pay_later)];
      const lowered = after.some((v, k) => v < before[k]!);
      return {
        decisionId: String(r.id),
        customerId: r.customer_id,
        jointLimit: after[0],
        cashLoanLimit: after[1],
        payLaterLimit: after[2],
        reasonCodes: r.reason_codes,
        lowered,
        raised: !lowered && after.some((v, k) => v > before[k]!),
      };
    });
  }

  async markApplied(m: EntityManager, id: string, actor: string, at: Date): Promise<AllocationSimulationRecord> {
    const [row]: Row[] = await m.query(
      `WITH u AS (UPDATE allocation_simulations SET status = 'APPLIED', applied_by = $2, applied_at = $3 WHERE id = $1 RETURNING *) SELECT * FROM u`,
      [id, actor, at],
    );
    return toSimulation(row!);
  }
}
