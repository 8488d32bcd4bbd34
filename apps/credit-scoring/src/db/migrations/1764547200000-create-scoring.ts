import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateScoring1764547200000 implements MigrationInterface {
  name = 'CreateScoring1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scoring_models (
        version text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('CHALLENGER', 'CHAMPION', 'RETIRED')),
        model jsonb NOT NULL,
        default_grade_cutoffs jsonb NOT NULL,
        regional_standards jsonb NOT NULL,
        registered_at timestamptz NOT NULL,
        promoted_at timestamptz
      )`);
    // At most one champion, whatever the interleaving of two promotions.
    await q.query(`CREATE UNIQUE INDEX scoring_models_one_champion ON scoring_models (status) WHERE status = 'CHAMPION'`);
    await q.query(`
      CREATE TABLE customer_statements (
        customer_id text NOT NULL REFERENCES customers (id),
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        credit_limit bigint NOT NULL CHECK (credit_limit > 0),
        balance bigint NOT NULL,
        repaid bigint NOT NULL CHECK (repaid >= 0),
        status smallint NOT NULL CHECK (status BETWEEN -2 AND 9),
        PRIMARY KEY (customer_id, month)
      )`);
    await q.query(`
      CREATE TABLE credit_scores (
        id bigserial PRIMARY KEY,
        customer_id text NOT NULL REFERENCES customers (id),
        model_version text NOT NULL REFERENCES scoring_models (version),
        shadow boolean NOT NULL,
        score integer NOT NULL,
        grade text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D', 'E')),
        probability_of_default double precision NOT NULL CHECK (probability_of_default > 0 AND probability_of_default < 1),
        reasons jsonb NOT NULL,
        region char(2) NOT NULL,
        region_calibration_applied boolean NOT NULL,
        scored_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX credit_scores_customer_idx ON credit_scores (customer_id, shadow, id DESC)`);
    await q.query(`CREATE INDEX credit_scores_model_idx ON credit_scores (model_version, customer_id, id DESC)`);
    await q.query(`
      CREATE TABLE credit_outcomes (
        customer_id text NOT NULL REFERENCES customers (id),
        observed_at timestamptz NOT NULL,
        defaulted boolean NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (customer_id, observed_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE credit_outcomes`);
    await q.query(`DROP TABLE credit_scores`);
    await q.query(`DROP TABLE customer_statements`);
    await q.query(`DROP TABLE scoring_models`);
  }
}
