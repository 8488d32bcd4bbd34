import { TAIWAN_STATEMENT_CHARACTERISTICS } from '../characteristics/taiwan-statements';
import { customersToColumns, StatementRow, statementSource, type StatementColumns } from '../characteristics/statement-columns';
import type { CustomerInput, Descriptions, RecordSource } from '../types';
import { compileScorecard, segmentIndexOf, type CompiledScorecard } from './compile';
import { STANDARD_SCALING } from '../scaling';
import type { ScorecardModel } from './model-schema';
import type { ModelRequirements } from './validate-model';

export interface CharacteristicScore {
  code: string;
  /** The computed value; null when not applicable (NaN). */
  value: number | string | null;
  bin: string;
  woe: number;
  points: number;
  maxPoints: number;
}

export interface ReasonCode {
  code: string;
  description: Descriptions;
  points: number;
  maxPoints: number;
  /** maxPoints - points: how many points this characteristic cost the customer. */
  shortfall: number;
}

export interface ScoreResult {
  score: number;
  pd: number;
  segment: { index: number; name: Descriptions };
  reasons: ReasonCode[];
  characteristics: CharacteristicScore[];
}

export const REASON_COUNT = 4;

/**
 * The characteristics that cost the most points against their best bin, largest shortfall
 * first; ties keep model order so the same customer always gets the same reasons. A
 * characteristic already at its maximum is never a reason.
 */
export function reasonCodes(
  items: ReadonlyArray<{ code: string; description: Descriptions; points: number; maxPoints: number }>,
  count = REASON_COUNT,
): ReasonCode[] {
  return items
    .map((c, order) => ({ order, reason: { code: c.code, description: c.description, points: c.points, maxPoints: c.maxPoints, shortfall: c.maxPoints - c.points } }))
    .filter((r) => r.reason.shortfall > 0)
    .sort((a, b) => b.reason.shortfall - a.reason.shortfall || a.order - b.order)
    .slice(0, count)
    .map((r) => r.reason);
}

/**
 * Scores one record with its full explanation. In a segmented model, landing in a riskier
 * segment is itself a reason: it costs the gap between that segment's base points and the
 * best segment's, and is reported under the segmenting characteristic.
 */
export function scoreRecord<R>(compiled: CompiledScorecard<R>, record: R): ScoreResult {
  const s = segmentIndexOf(compiled, record);
  const segment = compiled.segments[s] as (typeof compiled.segments)[number];
  let score = segment.spec.basePoints;
  const candidates: Array<{ code: string; description: Descriptions; points: number; maxPoints: number }> = [];
  const segmentation = compiled.model.segmentation;
  if (segmentation) {
    candidates.push({
      code: segmentation.code,
      description: segmentation.description,
      points: segment.spec.basePoints - compiled.maxBasePoints,
      maxPoints: 0,
    });
  }
  const characteristics: CharacteristicScore[] = segment.characteristics.map((c) => {
    const value = c.def.value(record);
    const bin = c.lookup(value);
    const spec = c.spec.bins[bin] as (typeof c.spec.bins)[number];
    score += spec.points;
    const same = candidates.find((x) => x.code === c.spec.code);
    if (same) {
      // The segmenting characteristic also scored inside the segment: one reason, both costs.
      same.points += spec.points;
      same.maxPoints += c.maxPoints;
    } else {
      candidates.push({ code: c.spec.code, description: c.spec.description, points: spec.points, maxPoints: c.maxPoints });
    }
    return {
      code: c.spec.code,
      value: typeof value === 'number' && Number.isNaN(value) ? null : value,
      bin: spec.label,
      woe: spec.woe,
      points: spec.points,
      maxPoints: c.maxPoints,
    };
  });
  return {
    score,
    pd: compiled.pdByScore[score - compiled.minScore] as number,
    segment: { index: s, name: segment.spec.name },
    reasons: reasonCodes(candidates),
    characteristics,
  };
}

/** What a model must fit to score customers from their statements: the statement characteristics on the 600 / 50:1 / 20 scale. */
export const STATEMENT_SCORECARD: ModelRequirements = {
  characteristicSet: TAIWAN_STATEMENT_CHARACTERISTICS,
  scaling: STANDARD_SCALING,
};

const compiledTaiwan = new WeakMap<ScorecardModel, CompiledScorecard<StatementRow>>();

/** Compiles (once per model object) a model built on the Taiwan statement characteristics. */
export function compileStatementScorecard(model: ScorecardModel): CompiledScorecard<StatementRow> {
  let compiled = compiledTaiwan.get(model);
  if (!compiled) {
    compiled = compileScorecard(model, TAIWAN_STATEMENT_CHARACTERISTICS);
    compiledTaiwan.set(model, compiled);
  }
  return compiled;
}

/** Scores one customer from their six latest statements. Throws InputError on bad input. */
export function scoreCustomer(model: ScorecardModel, input: CustomerInput): ScoreResult {
  const compiled = compileStatementScorecard(model);
  return scoreRecord(compiled, new StatementRow(customersToColumns([input])).moveTo(0));
}

export interface BatchScores {
  score: Int32Array;
  pd: Float64Array;
  segment: Int32Array;
  /**
   * When asked for (for PSI): bins[segment][characteristic][row], the row's bin index, or -1
   * where the row is in another segment.
   */
  bins?: Int32Array[][];
}

/** The fast path: no objects per row, one bin lookup and one points read per characteristic. */
export function scoreRecords<R>(compiled: CompiledScorecard<R>, source: RecordSource<R>, options: { withBins?: boolean } = {}): BatchScores {
  const n = source.size;
  const score = new Int32Array(n);
  const pd = new Float64Array(n);
  const segment = new Int32Array(n);
  const minScore = compiled.minScore;
  const pdByScore = compiled.pdByScore;
  const segments = compiled.segments.map((s) => ({
    base: s.spec.basePoints,
    values: s.characteristics.map((c) => c.def.value.bind(c.def) as (r: R) => number | string),
    lookups: s.characteristics.map((c) => c.lookup),
    points: s.characteristics.map((c) => c.points),
    bins: options.withBins ? s.characteristics.map(() => new Int32Array(n).fill(-1)) : undefined,
  }));
  const segmented = compiled.segmentValue !== undefined;
  for (let i = 0; i < n; i++) {
    const record = source.at(i);
    const s = segmented ? segmentIndexOf(compiled, record) : 0;
    const seg = segments[s] as (typeof segments)[number];
    let total = seg.base;
    const k = seg.values.length;
    for (let j = 0; j < k; j++) {
      const b = (seg.lookups[j] as (v: number | string) => number)((seg.values[j] as (r: R) => number | string)(record));
      total += (seg.points[j] as Int32Array)[b] as number;
      if (seg.bins) (seg.bins[j] as Int32Array)[i] = b;
    }
    score[i] = total;
    pd[i] = pdByScore[total - minScore] as number;
    segment[i] = s;
  }
  const result: BatchScores = { score, pd, segment };
  if (options.withBins) result.bins = segments.map((s) => s.bins as Int32Array[]);
  return result;
}

/** Batch scoring of customers held column-wise (see StatementColumns). */
export function scoreBatch(model: ScorecardModel | CompiledScorecard<StatementRow>, columns: StatementColumns, options: { withBins?: boolean } = {}): BatchScores {
  const compiled = 'pdByScore' in model ? model : compileStatementScorecard(model);
  return scoreRecords(compiled, statementSource(columns), options);
}
