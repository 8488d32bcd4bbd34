import type { DataSource, EntityManager } from 'typeorm';
import type { ScoredOutcome } from '../model/monitoring';
import type { CreditScore } from '../model/scoring';

interface Row {
  id: string;
  customer_id: string;
  model_version: string;
  shadow: boolean;
  score: number;
  model_score: number;
  grade: CreditScore['grade'];
  probability_of_default: number;
  reasons: CreditScore['reasons'];
  region: string;
  region_calibration_applied: boolean;
  scored_at: Date | string;
}

/** One page of a customer's champion score history: at most `limit` scores older than `beforeId`. */
export interface HistoryPageRequest {
  customerId: string;
  limit: number;
  beforeId?: string;
}

const COLUMNS = 'id::text AS id, customer_id, model_version, shadow, score, model_score, grade, probability_of_default, reasons, region, region_calibration_applied, scored_at';

const toScore = (r: Row): CreditScore => ({
  id: r.id,
  customerId: r.customer_id,
  modelVersion: r.model_version,
  shadow: r.shadow,
  score: r.score,
  modelScore: r.model_score,
  grade: r.grade,
  probabilityOfDefault: Number(r.probability_of_default),
  reasons: typeof r.reasons === 'string' ? JSON.parse(r.reasons) : r.reasons,
  region: r.region,
  regionCalibrationApplied: r.region_calibration_applied,
  scoredAt: new Date(r.scored_at),
});

export class ScoreRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends scores in one statement; scores are never updated, history is the table. */
  async insertMany(scores: ReadonlyArray<CreditScore>, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (scores.length === 0) return;
    await manager.query(
      `INSERT INTO credit_scores (customer_id, model_version, shadow, score, model_score, grade, probability_of_default, reasons, region, region_calibration_applied, scored_at)
       SELECT c, v, sh, s, ms, g, p, r::jsonb, re, ra, t
         FROM unnest($1::text[], $2::text[], $3::boolean[], $4::int[], $11::int[], $5::text[], $6::float8[], $7::text[], $8::text[], $9::boolean[], $10::timestamptz[])
           AS x(c, v, sh, s, ms, g, p, r, re, ra, t)`,
      [
        scores.map((s) => s.customerId),
        scores.map((s) => s.modelVersion),
        scores.map((s) => s.shadow),
        scores.map((s) => s.score),
        scores.map((s) => s.grade),
        scores.map((s) => s.probabilityOfDefault),
        scores.map((s) => JSON.stringify(s.reasons)),
        scores.map((s) => s.region),
        scores.map((s) => s.regionCalibrationApplied),
        scores.map((s) => s.scoredAt),
        scores.map((s) => s.modelScore),
      ],
    );
  }

  /** The latest score by `modelVersion` of each customer (the champion's: the credit profile). */
  async latestBy(modelVersion: string, customerIds: readonly string[]): Promise<CreditScore[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT DISTINCT ON (customer_id) ${COLUMNS} FROM credit_scores
        WHERE model_version = $1 AND customer_id = ANY($2)
        ORDER BY customer_id, credit_scores.id DESC`,
      [modelVersion, customerIds],
    );
    return rows.map(toScore);
  }

  /**
   * Pages of the scores made by the champion of the time, newest first, keyset by id: one
   * statement for many customers (a LATERAL page each, read off the customer index), in the order asked.
   */
  async historyPages(requests: ReadonlyArray<HistoryPageRequest>): Promise<CreditScore[][]> {
    if (requests.length === 0) return [];
    const rows: Array<Row & { request: number }> = await this.dataSource.query(
      `SELECT r.request::int AS request, h.* FROM unnest($1::text[], $2::bigint[], $3::int[]) WITH ORDINALITY AS r(customer_id, before_id, page_limit, request)
         CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM credit_scores
                              WHERE customer_id = r.customer_id AND NOT shadow AND (r.before_id IS NULL OR id < r.before_id)
                              ORDER BY credit_scores.id DESC LIMIT r.page_limit) h
        ORDER BY r.request, h.id::bigint DESC`,
      [requests.map((r) => r.customerId), requests.map((r) => r.beforeId ?? null), requests.map((r) => r.limit)],
    );
    const pages = requests.map((): CreditScore[] => []);
    for (const row of rows) pages[row.request - 1]!.push(toScore(row));
    return pages;
  }

  /**
   * How many of each model's latest per-customer scores fall in each band of `edges` (width_bucket
   * = bandOf). The model score, not the regional one: the edges are training deciles, unshifted.
   */
  async bandCounts(modelVersion: string, edges: readonly number[]): Promise<number[]> {
    const rows: Array<{ band: number; n: number }> = await this.dataSource.query(
      `SELECT width_bucket(model_score, $2::int[]) AS band, count(*)::int AS n
         FROM (SELECT DISTINCT ON (customer_id) model_score FROM credit_scores WHERE model_version = $1 ORDER BY customer_id, id DESC) latest
        GROUP BY band`,
      [modelVersion, edges],
    );
    const counts = new Array<number>(edges.length + 1).fill(0);
    for (const r of rows) counts[r.band] = r.n;
    return counts;
  }

  /**
   * Each recorded outcome beside the customer's latest score by this model made at or before it
   * (a score made after the outcome already knew it and would flatter the model), counted by score,
   * PD, region and outcome: a few thousand rows at most, however many outcomes there are.
   */
  async scoredOutcomes(modelVersion: string): Promise<ScoredOutcome[]> {
    return this.dataSource.query(
      `SELECT s.score, s.probability_of_default AS "probabilityOfDefault", s.region, o.defaulted, count(*)::int AS count
         FROM credit_outcomes o
         JOIN LATERAL (SELECT score, probability_of_default, region FROM credit_scores cs
                        WHERE cs.customer_id = o.customer_id AND cs.model_version = $1 AND cs.scored_at <= o.observed_at
                        ORDER BY cs.id DESC LIMIT 1) s ON true
        GROUP BY s.score, s.probability_of_default, s.region, o.defaulted`,
      [modelVersion],
    );
  }
}
