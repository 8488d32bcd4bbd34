/**
 * A synthetic limits-service portfolio for the allocation tests and benchmarks: the optimiser's seeded
 * customers (generatePortfolio) as credit lines with risk snapshots, the way the limits service
 * holds them. Grades come from PD bands (A < 1%, B < 2%, C < 4%, D < 8%, else E), so the default
 * policy's grade tiers put PD ≥ 8% in HIGH_RISK and 4–8% in MEDIUM_RISK. Scores follow a scorecard
 * scale of 600 at odds 50:1 and 50 points to double the odds, on which a score-tiered policy like
 * version 1 (HIGH_RISK ≤ 520, MEDIUM_RISK ≤ 600, HIGH_VALUE ≥ 700) cuts at PD ≈ 5.5%, 2% and 0.5%.
 */
import { REGIONS } from '@jc/domain';
import { generatePortfolio, gradeFromPd, Rng } from '@jc/optimiser';
import type { AllocationLine } from '../../src/model/allocation-portfolio';
import { decide, DEFAULT_POLICY } from '../../src/model/policy';

export function scoreFromPd(pd: number): number {
  return Math.round(600 + 50 * Math.log2((1 - pd) / pd / 50));
}

export function syntheticLines(size: number, seed: number, asOf: Date): AllocationLine[] {
  const rng = new Rng(seed ^ 0x5eed);
  return generatePortfolio({ size, seed }).map((c) => {
    const onTime = c.stage === 'NEW' ? Math.floor(rng.uniform(0, 12)) : Math.floor(rng.uniform(12, 48));
    return {
      customerId: c.id,
      status: 'ACTIVE',
      tier: c.tier,
      jointLimit: c.cashLoan.current + c.payLater.current,
      cashLoanLimit: c.cashLoan.current,
      payLaterLimit: c.payLater.current,
      cashLoanDrawn: c.cashLoan.drawn,
      payLaterDrawn: c.payLater.drawn,
      cashLoanApr: c.cashLoan.apr,
      payLaterApr: 0,
      cashLoanDrawsFrozen: false,
      underUplift: false,
      snapshot: {
        customerId: c.id,
        score: scoreFromPd(c.pd),
        pd: Math.round(c.pd * 1e6) / 1e6,
        grade: gradeFromPd(c.pd),
        lifecycleStage: c.stage,
        region: REGIONS[Math.floor(rng.uniform(0, REGIONS.length))]!.code,
        declaredIncome: c.annualIncome,
        // a year of spend and repayment, the behaviour side of HIGH_VALUE
        behaviourValue: c.payLater.drawn * 12 + c.cashLoan.drawn * 2,
        onTimeRepaymentMonths: onTime,
        overdue: c.stage === 'HIGH_RISK' && rng.next() < 0.3,
        asOf,
      },
    };
  });
}

/**
 * Lines as the policy opens them: ACTIVE sub-limits share the joint limit (80% + 40% of it), NEW
 * pay-later lines sit inside a larger joint limit, and NEW customers with six on-time months have a
 * cash loan open. The synthetic book's lines have joint = sum, which hides how the joint limit moves.
 * Lines the policy opens at zero are dropped.
 */
export function policyShaped(lines: AllocationLine[]): AllocationLine[] {
  return lines.flatMap((l) => {
    const opened = decide(DEFAULT_POLICY, l.snapshot!, null).after;
    if (opened.jointLimit === 0) return [];
    // what is drawn fits each sub-limit and, together, the joint limit
    const cashLoanDrawn = Math.min(l.cashLoanDrawn, opened.cashLoanLimit);
    const line: AllocationLine = {
      ...l,
      tier: opened.tier,
      jointLimit: opened.jointLimit,
      cashLoanLimit: opened.cashLoanLimit,
      payLaterLimit: opened.payLaterLimit,
      cashLoanDrawn,
      payLaterDrawn: Math.min(l.payLaterDrawn, opened.payLaterLimit, opened.jointLimit - cashLoanDrawn),
    };
    return [line];
  });
}
