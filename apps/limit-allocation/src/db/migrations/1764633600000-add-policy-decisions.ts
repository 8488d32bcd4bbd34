import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 1, the lifecycle strategy, frozen here as published: later defaults in model/policy.ts are
 * published as new versions, never by editing this migration.
 */
const POLICY_V1 = {
  "personCap": 20000000,
  "aprCap": 0.24,
  "step": 10000,
  "tiers": {
    "highRisk": {
      "maxScore": 520,
      "grades": [
        "E"
      ]
    },
    "mediumRisk": {
      "maxScore": 600
    },
    "highValue": {
      "minScore": 700,
      "minValueShareOfIncome": 0.3
    }
  },
  "tierRules": {
    "HIGH_VALUE": {
      "incomeShare": 0.5,
      "jointCap": 20000000,
      "cashLoanApr": 0.12,
      "payLaterApr": 0.1,
      "maxChangePerReview": 0.5
    },
    "STANDARD": {
      "incomeShare": 0.3,
      "jointCap": 10000000,
      "cashLoanApr": 0.18,
      "payLaterApr": 0.15,
      "maxChangePerReview": 0.3
    },
    "MEDIUM_RISK": {
      "incomeShare": 0.2,
      "jointCap": 5000000,
      "cashLoanApr": 0.22,
      "payLaterApr": 0.18,
      "maxChangePerReview": 0.15
    },
    "HIGH_RISK": {
      "incomeShare": 0.05,
      "jointCap": 1000000,
      "cashLoanApr": 0.24,
      "payLaterApr": 0.24,
      "maxChangePerReview": 0.5
    }
  },
  "gradeFactor": {
    "A": 1.2,
    "B": 1,
    "C": 0.8,
    "D": 0.6,
    "E": 0.3
  },
  "stages": {
    "NEW": {
      "payLaterCap": 300000,
      "cashLoanOpensAfterOnTimeMonths": 6,
      "cashLoanShareOnceOpen": 0.3
    },
    "ACTIVE": {
      "cashLoanShare": 0.8,
      "payLaterShare": 0.4
    },
    "HIGH_RISK": {
      "reduceBy": 0.5
    }
  }
};

const decreased = (field: string) => `(before IS NOT NULL AND (after->>'${field}')::bigint < (before->>'${field}')::bigint)`;

/**
 * Versioned policies, the local risk snapshot decisions are made from, and the decision records.
 * A decrease is an adverse action, so the table itself refuses one without reason codes.
 */
export class AddPolicyDecisions1764633600000 implements MigrationInterface {
  name = 'AddPolicyDecisions1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE policies (
        version integer PRIMARY KEY CHECK (version > 0),
        document jsonb NOT NULL,
        note text NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL
      )`);
    await q.query(`INSERT INTO policies (version, document, note, published_by, published_at) VALUES (1, $1, 'lifecycle strategy, default', 'system', '2026-11-30T00:00:00Z')`, [
      JSON.stringify(POLICY_V1),
    ]);
    await q.query(`
      CREATE TABLE risk_snapshots (
        customer_id text PRIMARY KEY,
        score integer NOT NULL,
        pd numeric(7,6) NOT NULL CHECK (pd >= 0 AND pd <= 1),
        grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D', 'E')),
        lifecycle_stage text NOT NULL CHECK (lifecycle_stage IN ('NEW', 'ACTIVE', 'DORMANT', 'HIGH_RISK')),
        region text NOT NULL,
        declared_income bigint NOT NULL CHECK (declared_income >= 0),
        behaviour_value bigint NOT NULL CHECK (behaviour_value >= 0),
        on_time_repayment_months integer NOT NULL CHECK (on_time_repayment_months >= 0),
        overdue boolean NOT NULL,
        as_of timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE limit_decisions (
        id bigserial PRIMARY KEY,
        customer_id text NOT NULL,
        trigger text NOT NULL,
        policy_version integer REFERENCES policies (version),
        inputs jsonb NOT NULL,
        before jsonb,
        after jsonb NOT NULL,
        reason_codes text[] NOT NULL,
        actor text NOT NULL,
        decided_at timestamptz NOT NULL,
        CONSTRAINT decrease_has_reasons CHECK (
          cardinality(reason_codes) > 0 OR NOT (${decreased('jointLimit')} OR ${decreased('cashLoanLimit')} OR ${decreased('payLaterLimit')})
        )
      )`);
    await q.query(`CREATE INDEX limit_decisions_customer ON limit_decisions (customer_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE limit_decisions`);
    await q.query(`DROP TABLE risk_snapshots`);
    await q.query(`DROP TABLE policies`);
  }
}
