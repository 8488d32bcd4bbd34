import { yuan } from '@jc/domain';
import { jointLimitAfter, OptimiserInputError } from '@jc/optimiser';
import { BudgetBelowFloorError, planAllocation, SegmentBudgetBelowFloorError } from '../src/model/allocation-plan';
import { exposureOf, type AllocationLine } from '../src/model/allocation-portfolio';
import { DEFAULT_POLICY, tierOf } from '../src/model/policy';
import { syntheticLines } from './support/synthetic-lines';

const asOf = new Date('2026-11-01T00:00:00Z');
const lines = syntheticLines(2_000, 11, asOf);
const frozen: AllocationLine = { ...lines[0]!, customerId: 'c_f000000000000001', status: 'FROZEN' };
const unscored: AllocationLine = { ...lines[1]!, customerId: 'c_f000000000000002', snapshot: null };
const book = [...lines, frozen, unscored];
const current = book.reduce((s, l) => s + exposureOf(l), 0);

describe('allocation plan (domain)', () => {
  const plan = planAllocation({ lines: book, method: 'OPTIMISER', budget: Math.round(current * 1.02), champion: DEFAULT_POLICY });
  const byId = new Map(book.map((l) => [l.customerId, l]));

  it('keeps both sides within the budget and counts every line once', () => {
    for (const side of [plan.challenger, plan.champion]) {
      expect(side.exposure).toBeLessThanOrEqual(Math.round(current * 1.02));
      expect(side.lines).toBe(book.length);
      expect(side.linesRaised + side.linesLowered + side.linesUnchanged).toBe(book.length);
    }
    expect(plan.proposals.length).toBe(plan.challenger.linesRaised + plan.challenger.linesLowered);
    // the optimum is at least as profitable as the champion under the same rules and budget
    expect(plan.challenger.expectedProfit).toBeGreaterThanOrEqual(plan.champion.expectedProfit);
  });

  it('leaves lines that are not ACTIVE or have no snapshot alone', () => {
    const ids = new Set(plan.proposals.map((p) => p.customerId));
    expect(ids.has(frozen.customerId) || ids.has(unscored.customerId)).toBe(false);
  });

  it('proposes within the hard rules: drawn floor, grid, joint moved with the sub-limits, change per review, no cuts in good standing', () => {
    const broken = plan.proposals.filter((p) => {
      const l = byId.get(p.customerId)!;
      const s = l.snapshot!;
      const f = DEFAULT_POLICY.tierRules[tierOf(DEFAULT_POLICY, s)].maxChangePerReview;
      const within = (after: number, before: number) => before === 0 || Math.abs(after - before) <= Math.ceil(f * before / DEFAULT_POLICY.step) * DEFAULT_POLICY.step;
      const goodStanding = !s.overdue && (s.lifecycleStage === 'NEW' || s.lifecycleStage === 'ACTIVE') && tierOf(DEFAULT_POLICY, s) !== 'HIGH_RISK';
      return (
        p.after.cashLoanLimit < l.cashLoanDrawn ||
        p.after.payLaterLimit < l.payLaterDrawn ||
        p.after.cashLoanLimit % DEFAULT_POLICY.step !== 0 ||
        p.after.jointLimit !== jointLimitAfter(l.jointLimit, l.cashLoanLimit + l.payLaterLimit, p.after.cashLoanLimit + p.after.payLaterLimit) ||
        !within(p.after.cashLoanLimit, l.cashLoanLimit) ||
        !within(p.after.payLaterLimit, l.payLaterLimit) ||
        (goodStanding && (p.after.cashLoanLimit < l.cashLoanLimit || p.after.payLaterLimit < l.payLaterLimit)) ||
        p.reasonCodes.length === 0
      );
    });
    expect(broken).toEqual([]);
  });

  it('segments add up to the totals in every dimension', () => {
    for (const dim of ['TIER', 'STAGE', 'REGION']) {
      const segs = plan.segments.filter((s) => s.dimension === dim);
      expect(segs.reduce((n, s) => n + s.challenger.lines, 0)).toBe(book.length);
      expect(segs.reduce((n, s) => n + s.champion.exposure, 0)).toBe(plan.champion.exposure);
      expect(Math.abs(segs.reduce((n, s) => n + s.challenger.expectedProfit, 0) - plan.challenger.expectedProfit)).toBeLessThanOrEqual(segs.length);
    }
    expect(plan.segments.find((s) => s.dimension === 'STAGE' && s.key === 'UNKNOWN')?.challenger.lines).toBe(1);
  });

  it('POLICY with the champion itself is the champion', () => {
    const same = planAllocation({ lines: book, method: 'POLICY', budget: Math.round(current * 1.02), champion: DEFAULT_POLICY, challenger: DEFAULT_POLICY });
    expect(same.challenger).toEqual(same.champion);
    expect(same.champion).toEqual(plan.champion);
  });

  it('a filter re-allocates only its lines; the budget covers them alone', () => {
    const filter = { stages: ['DORMANT' as const] };
    const dormant = book.filter((l) => l.snapshot?.lifecycleStage === 'DORMANT');
    const exposure = dormant.reduce((s, l) => s + exposureOf(l), 0);
    const p = planAllocation({ lines: book, filter, method: 'OPTIMISER', budget: exposure, champion: DEFAULT_POLICY });
    expect(p.challenger.lines).toBe(dormant.length);
    expect(p.challenger.exposure).toBeLessThanOrEqual(exposure);
    expect(p.proposals.every((x) => byId.get(x.customerId)!.snapshot!.lifecycleStage === 'DORMANT')).toBe(true);
    // nothing goes up for a dormant line
    expect(p.challenger.linesRaised).toBe(0);
  });

  it('a budget below the floors names the minimum feasible budget, which is itself feasible', () => {
    let error: unknown;
    try {
      planAllocation({ lines: book, method: 'OPTIMISER', budget: yuan(1), champion: DEFAULT_POLICY });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BudgetBelowFloorError);
    const min = (error as BudgetBelowFloorError).minimumBudget;
    const drawn = book.reduce((s, l) => s + l.cashLoanDrawn + l.payLaterDrawn, 0);
    expect(min).toBeGreaterThanOrEqual(drawn);
    const tight = planAllocation({ lines: book, method: 'OPTIMISER', budget: min, champion: DEFAULT_POLICY });
    expect(tight.minimumBudget).toBe(min);
    expect(tight.challenger.exposure).toBeLessThanOrEqual(min);
    expect(() => planAllocation({ lines: book, method: 'OPTIMISER', budget: min - 1, champion: DEFAULT_POLICY })).toThrow(BudgetBelowFloorError);
  });

  it('a segment budget binds at exactly its minimum (kept lines included) and is refused a fen below it', () => {
    const budget = Math.round(current * 1.1);
    const stage = 'ACTIVE';
    const attempt = (amount: number) => planAllocation({ lines: book, method: 'OPTIMISER', budget, champion: DEFAULT_POLICY, segmentBudgets: { dimension: 'STAGE', budgets: [{ key: stage, budget: amount }] } });
    let error: unknown;
    try {
      attempt(0);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SegmentBudgetBelowFloorError);
    const min = (error as SegmentBudgetBelowFloorError).minimumBudget;
    const tight = attempt(min);
    const segment = tight.segments.find((s) => s.dimension === 'STAGE' && s.key === stage)!;
    expect(segment.budget).toBe(min);
    expect(segment.challenger.exposure).toBeLessThanOrEqual(min);
    expect(tight.segments.filter((s) => s.budget !== undefined)).toHaveLength(1);
    expect(() => attempt(min - 1)).toThrow(SegmentBudgetBelowFloorError);
  });

  it.each([
    ['negative funding rate', { fundingRate: -0.01 }, 'config.fundingRate'],
    ['LGD above 1', { products: { CASH_LOAN: { lgd: 1.5 } } }, 'config.products.CASH_LOAN.lgd'],
    ['CCF below 0', { products: { PAY_LATER: { ccfLoss: -0.1 } } }, 'config.products.PAY_LATER.ccfLoss'],
  ])('rejects invalid economics: %s', (_name, settings, field) => {
    expect(() => planAllocation({ lines: book, method: 'OPTIMISER', budget: current, champion: DEFAULT_POLICY, settings })).toThrow(
      expect.objectContaining({ constructor: OptimiserInputError, field }),
    );
  });
});
