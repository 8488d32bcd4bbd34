import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 2 tiers customers by the grade scoring gives them instead of by score on the standard
 * scale: the shipped champion scores about 450–595, so version 1's cut-offs (520/600/700) put every
 * scored customer in MEDIUM_RISK or HIGH_RISK. Frozen here as published; it is appended after
 * whatever versions a database already holds, and is the newest only where nothing newer was published.
 */
const POLICY_V2 = {
  personCap: 20000000,
  aprCap: 0.24,
  step: 10000,
  tiers: {
    highRisk: { maxScore: null, grades: ['E'] },
    mediumRisk: { maxScore: null, grades: ['D'] },
    highValue: { minScore: null, grades: ['A'], minValueShareOfIncome: 0.3 },
  },
  tierRules: {
    HIGH_VALUE: { incomeShare: 0.5, jointCap: 20000000, cashLoanApr: 0.12, payLaterApr: 0.1, maxChangePerReview: 0.5 },
    STANDARD: { incomeShare: 0.3, jointCap: 10000000, cashLoanApr: 0.18, payLaterApr: 0.15, maxChangePerReview: 0.3 },
    MEDIUM_RISK: { incomeShare: 0.2, jointCap: 5000000, cashLoanApr: 0.22, payLaterApr: 0.18, maxChangePerReview: 0.15 },
    HIGH_RISK: { incomeShare: 0.05, jointCap: 1000000, cashLoanApr: 0.24, payLaterApr: 0.24, maxChangePerReview: 0.5 },
  },
  gradeFactor: { A: 1.2, B: 1, C: 0.8, D: 0.6, E: 0.3 },
  stages: {
    NEW: { payLaterCap: 300000, cashLoanOpensAfterOnTimeMonths: 6, cashLoanShareOnceOpen: 0.3 },
    ACTIVE: { cashLoanShare: 0.8, payLaterShare: 0.4 },
    HIGH_RISK: { reduceBy: 0.5 },
  },
};

const NOTE = 'lifecycle strategy, tiers by grade';

export class PublishGradeTieredPolicy1765411200000 implements MigrationInterface {
  name = 'PublishGradeTieredPolicy1765411200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO policies (version, document, note, published_by, published_at)
       SELECT coalesce(max(version), 0) + 1, $1, $2, 'system', '2026-12-01T00:00:00Z' FROM policies`,
      [JSON.stringify(POLICY_V2), NOTE],
    );
  }

  /** Only while no decision was made under it: decisions name their version. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM policies WHERE note = $1 AND published_by = 'system'`, [NOTE]);
  }
}
