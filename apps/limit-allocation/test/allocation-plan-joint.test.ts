import { yuan } from '@jc/domain';
import { jointLimitAfter } from '@jc/optimiser';
import { planAllocation } from '../src/model/allocation-plan';
import { exposureOf, type AllocationLine } from '../src/model/allocation-portfolio';
import { DEFAULT_POLICY, policyStage } from '../src/model/policy';
import { policyShaped, syntheticLines } from './support/synthetic-lines';

const asOf = new Date('2026-11-01T00:00:00Z');
const book = policyShaped(syntheticLines(3_000, 29, asOf));
const current = book.reduce((s, l) => s + exposureOf(l), 0);
const byId = new Map(book.map((l) => [l.customerId, l]));
const capOf = (l: AllocationLine) => Math.min(DEFAULT_POLICY.personCap, DEFAULT_POLICY.tierRules[policyStage(DEFAULT_POLICY, l.snapshot!).tier].jointCap);

describe('allocation plan on policy-shaped lines (joint limit shared by the sub-limits)', () => {
  test('the book exercises overlapping sub-limits, room under the joint limit and opened NEW cash loans', () => {
    expect(book.filter((l) => l.cashLoanLimit + l.payLaterLimit > l.jointLimit).length).toBeGreaterThan(100);
    expect(book.filter((l) => l.cashLoanLimit + l.payLaterLimit < l.jointLimit).length).toBeGreaterThan(100);
    expect(book.filter((l) => l.snapshot!.lifecycleStage === 'NEW' && l.cashLoanLimit > 0).length).toBeGreaterThan(20);
  });

  test("today's exposure is a feasible budget: the floors are counted as the joint limits, not the sub-limits' sum", () => {
    const plan = planAllocation({ lines: book, method: 'OPTIMISER', budget: current, champion: DEFAULT_POLICY });
    expect(plan.minimumBudget).toBeLessThanOrEqual(current);
    expect(plan.challenger.exposure).toBeLessThanOrEqual(current);
  });

  for (const method of ['OPTIMISER', 'POLICY'] as const) {
    test(`${method}: the joint limit follows the sub-limits, within the cap, and is never cut in good standing`, () => {
      const plan = planAllocation({ lines: book, method, budget: Math.round(current * 1.05), champion: DEFAULT_POLICY });
      expect(plan.proposals.length).toBeGreaterThan(50);
      expect(plan.challenger.exposure).toBeLessThanOrEqual(Math.round(current * 1.05));
      const broken = plan.proposals.filter((p) => {
        const l = byId.get(p.customerId)!;
        const s = l.snapshot!;
        const { tier, stage } = policyStage(DEFAULT_POLICY, s);
        const goodStanding = !s.overdue && (stage === 'NEW' || stage === 'ACTIVE') && tier !== 'HIGH_RISK';
        const { jointLimit, cashLoanLimit, payLaterLimit } = p.after;
        return (
          jointLimit !== jointLimitAfter(l.jointLimit, l.cashLoanLimit + l.payLaterLimit, cashLoanLimit + payLaterLimit) ||
          jointLimit < Math.max(cashLoanLimit, payLaterLimit) ||
          (jointLimit > l.jointLimit && jointLimit > capOf(l)) ||
          (goodStanding && (jointLimit < l.jointLimit || cashLoanLimit < l.cashLoanLimit || payLaterLimit < l.payLaterLimit))
        );
      });
      expect(broken).toEqual([]);
    });
  }

  test('a joint limit at the person cap, shared by sub-limits above it, is not raised past the cap', () => {
    const atCap = book.find((l) => l.snapshot!.lifecycleStage === 'ACTIVE' && !l.snapshot!.overdue)!;
    const line: AllocationLine = { ...atCap, customerId: 'c_cap000000000001', tier: 'HIGH_VALUE', jointLimit: yuan(200_000), cashLoanLimit: yuan(160_000), payLaterLimit: yuan(80_000), cashLoanDrawn: 0, payLaterDrawn: 0, snapshot: { ...atCap.snapshot!, grade: 'A', declaredIncome: yuan(5_000_000), behaviourValue: yuan(5_000_000) } };
    const plan = planAllocation({ lines: [line], method: 'OPTIMISER', budget: yuan(1_000_000), champion: DEFAULT_POLICY });
    expect(plan.minimumBudget).toBe(yuan(200_000));
    for (const p of plan.proposals) expect(p.after.jointLimit).toBeLessThanOrEqual(yuan(200_000));
    expect(plan.challenger.exposure).toBeLessThanOrEqual(yuan(200_000));
  });
});

describe('HIGH_RISK lines already reduced', () => {
  test('are held as the policy holds them, not cut again by every allocation', () => {
    const risky = book.filter((l) => policyStage(DEFAULT_POLICY, l.snapshot!).stage === 'HIGH_RISK' && l.cashLoanLimit + l.payLaterLimit > 0);
    expect(risky.length).toBeGreaterThan(20);
    const reduced = risky.map((l) => ({ ...l, tier: 'HIGH_RISK' as const, cashLoanDrawsFrozen: true }));
    const total = reduced.reduce((s, l) => s + exposureOf(l), 0);
    // a budget below today's exposure would force cuts wherever the rules allow them
    const plan = planAllocation({ lines: reduced, method: 'OPTIMISER', budget: total, champion: DEFAULT_POLICY });
    expect(plan.minimumBudget).toBe(total);
    expect(plan.proposals).toEqual([]);
    // the same lines before their first cut may be reduced
    const fresh = planAllocation({ lines: risky, method: 'OPTIMISER', budget: total, champion: DEFAULT_POLICY });
    expect(fresh.minimumBudget).toBeLessThan(total);
  });
});
