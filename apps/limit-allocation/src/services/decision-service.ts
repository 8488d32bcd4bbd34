import { isCustomerId, type Clock } from '@jc/domain';
import { badInput, conflict, notFound } from '@jc/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { CreditLineRepository } from '../db/credit-line-repository';
import { DecisionRepository, type DecisionRecord, type NewDecision } from '../db/decision-repository';
import { PolicyRepository, type PolicyVersion } from '../db/policy-repository';
import { isOverBudget, PortfolioRepository } from '../db/portfolio-repository';
import { announceDecision } from '../events/limit-announcements';
import type { LineAt } from '../model/credit-line';
import { withinBudget, type BudgetState } from '../model/portfolio';
import { decide, direction, type CurrentLine, type Direction, type LineTerms, type RiskSnapshotRecord } from '../model/policy';

export interface Proposal {
  policyVersion: number;
  terms: LineTerms;
  direction: Direction;
  reasonCodes: string[];
}

/** A line as the policy sees it: its terms, and what is drawn or held on it as the floor of any cut. */
export function currentLine(view: LineAt | null | undefined): CurrentLine | null {
  if (!view) return null;
  const { line } = view;
  return { ...line, cashLoanDrawn: line.cashLoanUsed + line.cashLoanHeld, payLaterDrawn: line.payLaterUsed + line.payLaterHeld };
}

/**
 * What decideCreditLine would set now for this snapshot, budget included; pure, so a list of
 * customers costs the batched loads of its inputs only.
 */
export function propose(policy: PolicyVersion, snapshot: RiskSnapshotRecord, view: LineAt | null, budget: BudgetState): Proposal {
  const current = currentLine(view);
  const { after, reasons } = withinBudget(decide(policy.document, snapshot, current), current?.jointLimit ?? 0, budget);
  return { policyVersion: policy.version, terms: after, direction: direction(current, after), reasonCodes: reasons };
}

/** Same limits, rates, tier and freeze: a review that would write nothing new. */
function sameTerms(current: CurrentLine | null, after: LineTerms): boolean {
  if (!current) return false;
  const keys = ['jointLimit', 'cashLoanLimit', 'payLaterLimit', 'cashLoanApr', 'payLaterApr', 'tier', 'cashLoanDrawsFrozen'] as const;
  return keys.every((k) => current[k] === after[k]);
}

export interface DecideOptions {
  trigger?: string;
  /** Write no record when the terms would not change (automatic reviews); a requested review always records. */
  skipUnchanged?: boolean;
}

/**
 * Decides lines from the local risk snapshot under the newest policy, records why, and announces
 * the new limits in the same transaction. Callers that already hold a transaction (an event
 * consumer) pass its manager; the service then adds nothing of its own.
 */
export class DecisionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lines: CreditLineRepository,
    private readonly clock: Clock,
    /** Told after a commit that enqueued events, so they leave at once. */
    private readonly published: () => void = () => {},
  ) {}

  /**
   * An increase is checked against the portfolio budget before it is written, and the database
   * refuses one that a concurrent increase made too large; that case is decided once more.
   */
  async decideCreditLine(customerId: string, actor: string, trigger = 'REVIEW'): Promise<DecisionRecord> {
    if (!isCustomerId(customerId)) throw badInput('Cannot decide: input.customerId: not a customer id', [{ path: 'input.customerId', reason: 'not a customer id' }]);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const decided = await this.dataSource.transaction((m) => this.decideIn(m, customerId, actor, { trigger }));
        this.published();
        return decided!;
      } catch (err) {
        if (!isOverBudget(err)) throw err;
        if (attempt === 2) throw conflict('The portfolio exposure budget changed while deciding; try again');
      }
    }
  }

  /** Within the caller's transaction; null when `skipUnchanged` and nothing would change. */
  async decideIn(m: EntityManager, customerId: string, actor: string, options: DecideOptions = {}): Promise<DecisionRecord | null> {
    const now = this.clock.now();
    const policies = new PolicyRepository(m);
    const snapshot = await policies.snapshot(customerId);
    if (!snapshot) throw notFound(`No risk snapshot recorded for customer ${customerId}`);
    const policy = (await policies.find())!;
    const [view] = await this.lines.linesAt([customerId], now, m);
    const current = currentLine(view);
    const budget = await new PortfolioRepository(m).budget(now);
    const { terms: after, reasonCodes: reasons } = propose(policy, snapshot, view ?? null, budget);
    if (options.skipUnchanged && sameTerms(current, after)) return null;
    const usage = current ? { cashLoanDrawn: current.cashLoanDrawn, payLaterDrawn: current.payLaterDrawn } : null;
    const record = { customerId, trigger: options.trigger ?? 'REVIEW', policyVersion: policy.version, inputs: { snapshot, usage, budget }, terms: after, reasonCodes: reasons, actor, at: now };
    const decisions = new DecisionRepository(m);
    // a line opened concurrently since the read is changed instead of opened
    const decided = current ? await decisions.applyToLine(record) : ((await decisions.openLine(record)) ?? (await decisions.applyToLine(record)));
    await announceDecision(m, decided!, now);
    return decided;
  }

  /** Opens a line with limits set by hand; null when the customer already has one. */
  async openManually(decision: NewDecision): Promise<DecisionRecord | null> {
    const opened = await this.dataSource.transaction(async (m) => {
      const d = await new DecisionRepository(m).openLine(decision);
      if (d) await announceDecision(m, d, this.clock.now());
      return d;
    });
    if (opened) this.published();
    return opened;
  }
}
