import { isCustomerId, type Clock } from '@jc/domain';
import { badInput, conflict, notFound } from '@jc/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { CreditLineRepository } from '../db/credit-line-repository';
import { DecisionRepository, type DecisionRecord, type NewDecision } from '../db/decision-repository';
import { PolicyRepository, type PolicyVersion } from '../db/policy-repository';
import { isOverBudget, PortfolioRepository } from '../db/portfolio-repository';
import { announceDecision, announceDecisions } from '../events/limit-announcements';
import type { LineAt } from '../model/credit-line';
import { NO_OVERLAYS } from '../model/drawn-floor';
import { withinBudget, type BudgetState } from '../model/portfolio';
import { overlayExposure, upliftIncrements } from '../model/uplift';
import { decide, direction, type CurrentLine, type Direction, type LineTerms, type RiskSnapshotRecord } from '../model/policy';

export interface Proposal {
  policyVersion: number;
  terms: LineTerms;
  direction: Direction;
  reasonCodes: string[];
}

/** A line as the policy sees it: its terms, what is drawn or held on it, and the overlays that cover part of that. */
export function currentLine(view: LineAt | null | undefined): CurrentLine | null {
  if (!view) return null;
  const { line, uplifts, at } = view;
  return { ...line, cashLoanDrawn: line.cashLoanUsed + line.cashLoanHeld, payLaterDrawn: line.payLaterUsed + line.payLaterHeld, overlays: { uplifts, at } };
}

/**
 * What decideCreditLine would set now for this snapshot, budget included; pure, so a list of
 * customers costs the batched loads of its inputs only.
 */
export function propose(policy: PolicyVersion, snapshot: RiskSnapshotRecord, view: LineAt | null, budget: BudgetState): Proposal {
  const current = currentLine(view);
  const { after, reasons } = withinBudget(decide(policy.document, snapshot, current), current, current?.overlays ?? NO_OVERLAYS, budget, policy.document.step);
  return { policyVersion: policy.version, terms: after, direction: direction(current, after), reasonCodes: reasons };
}

/** What the overlays active now add to each product and, for a draw of each product, to the joint limit. */
function overlayIncrements({ line, uplifts, at }: LineAt) {
  const { cashLoan, payLater, jointFor } = upliftIncrements(line, uplifts, at);
  return { cashLoan, payLater, jointForCashLoan: jointFor.CASH_LOAN, jointForPayLater: jointFor.PAY_LATER };
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
    const [decided] = await this.decideManyIn(m, [customerId], actor, options);
    return decided ?? null;
  }

  /**
   * Decides several customers' lines within the caller's transaction, reading their snapshots,
   * lines, the policy and the budget once; each increase counts against the budget room of the
   * ones after it, as it would one by one. Returns the decisions written, in the order given.
   */
  async decideManyIn(m: EntityManager, customerIds: readonly string[], actor: string, options: DecideOptions = {}): Promise<DecisionRecord[]> {
    const now = this.clock.now();
    const policies = new PolicyRepository(m);
    const snapshots = await policies.snapshots(customerIds);
    const missing = customerIds.find((id) => !snapshots.has(id));
    if (missing) throw notFound(`No risk snapshot recorded for customer ${missing}`);
    const policy = (await policies.find())!;
    const views = new Map((await this.lines.linesAt(customerIds, now, m)).map((v) => [v.line.customerId, v]));
    let budget = await new PortfolioRepository(m).budget(now);
    const changes: NewDecision[] = [];
    const opens: NewDecision[] = [];
    for (const customerId of customerIds) {
      const snapshot = snapshots.get(customerId)!;
      const view = views.get(customerId) ?? null;
      const current = currentLine(view);
      const { terms: after, reasonCodes: reasons } = propose(policy, snapshot, view, budget);
      if (options.skipUnchanged && sameTerms(current, after)) continue;
      // what the active overlays add is recorded beside what is drawn: it explains a floor below the drawn balance
      const usage = view && current ? { cashLoanDrawn: current.cashLoanDrawn, payLaterDrawn: current.payLaterDrawn, overlays: overlayIncrements(view) } : null;
      (current ? changes : opens).push({ customerId, trigger: options.trigger ?? 'REVIEW', policyVersion: policy.version, inputs: { snapshot, usage, budget }, terms: after, reasonCodes: reasons, actor, at: now });
      const overlays = current?.overlays ?? NO_OVERLAYS;
      budget = {
        ...budget,
        granted: budget.granted + after.jointLimit - (current?.jointLimit ?? 0),
        overlays: budget.overlays + overlayExposure(after, overlays.uplifts, now) - (current ? overlayExposure(current, overlays.uplifts, now) : 0),
      };
    }
    const decisions = new DecisionRepository(m);
    const decided = await decisions.applyToLines(changes, now);
    // a line opened concurrently since the read is changed instead of opened
    for (const record of opens) decided.set(record.customerId, ((await decisions.openLine(record)) ?? (await decisions.applyToLine(record)))!);
    const written = customerIds.flatMap((id) => decided.get(id) ?? []);
    await announceDecisions(m, written, now);
    return written;
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
