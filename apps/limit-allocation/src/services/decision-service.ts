import { isCustomerId, type Clock } from '@jc/domain';
import { badInput, conflict, notFound } from '@jc/subgraph-kit';
import type { CreditLineRepository } from '../db/credit-line-repository';
import type { DecisionRecord, DecisionRepository } from '../db/decision-repository';
import type { PolicyRepository, PolicyVersion } from '../db/policy-repository';
import { isOverBudget, type PortfolioRepository } from '../db/portfolio-repository';
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

/** Decides a line from the local risk snapshot under the newest policy and records why. */
export class DecisionService {
  constructor(
    private readonly lines: CreditLineRepository,
    private readonly policies: PolicyRepository,
    private readonly decisions: DecisionRepository,
    private readonly portfolio: PortfolioRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * An increase is checked against the portfolio budget before it is written, and the database
   * refuses one that a concurrent increase made too large; that case is decided once more.
   */
  async decideCreditLine(customerId: string, actor: string, trigger = 'REVIEW'): Promise<DecisionRecord> {
    if (!isCustomerId(customerId)) throw badInput('Cannot decide: input.customerId: not a customer id', [{ path: 'input.customerId', reason: 'not a customer id' }]);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.decideOnce(customerId, actor, trigger);
      } catch (err) {
        if (!isOverBudget(err)) throw err;
        if (attempt === 2) throw conflict('The portfolio exposure budget changed while deciding; try again');
      }
    }
  }

  private async decideOnce(customerId: string, actor: string, trigger: string): Promise<DecisionRecord> {
    const now = this.clock.now();
    const snapshot = await this.policies.snapshot(customerId);
    if (!snapshot) throw notFound(`No risk snapshot recorded for customer ${customerId}`);
    const policy = (await this.policies.find())!;
    const [view] = await this.lines.linesAt([customerId], now);
    const current = currentLine(view);
    const budget = await this.portfolio.budget(now);
    const { after, reasons } = withinBudget(decide(policy.document, snapshot, current), current?.jointLimit ?? 0, budget);
    const usage = current ? { cashLoanDrawn: current.cashLoanDrawn, payLaterDrawn: current.payLaterDrawn } : null;
    const record = { customerId, trigger, policyVersion: policy.version, inputs: { snapshot, usage, budget }, terms: after, reasonCodes: reasons, actor, at: now };
    // a line opened concurrently since the read is changed instead of opened
    const decided = current ? await this.decisions.applyToLine(record) : ((await this.decisions.openLine(record)) ?? (await this.decisions.applyToLine(record)));
    return decided!;
  }
}
