import { TAIWAN_STATEMENT_CHARACTERISTICS } from '../characteristics/taiwan-statements';
import { customersToColumns, StatementRow, statementSource, type StatementColumns } from '../characteristics/statement-columns';
import type { CustomerInput, Descriptions, RecordSource } from '../types';
import { compileScorecard, type CompiledScorecard } from './compile';
import type { ScorecardModel } from './model-schema';

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

/** Scores one record with its full explanation. */
export function scoreRecord<R>(compiled: CompiledScorecard<R>, record: R): ScoreResult {
  let score = compiled.basePoints;
  const characteristics: CharacteristicScore[] = compiled.characteristics.map((c) => {
    const value = c.def.value(record);
    const bin = c.lookup(value);
    const spec = c.spec.bins[bin] as (typeof c.spec.bins)[number];
    score += spec.points;
    return {
      code: c.spec.code,
      value: typeof value === 'number' && Number.isNaN(value) ? null : value,
      bin: spec.label,
      woe: spec.woe,
      points: spec.points,
      maxPoints: c.maxPoints,
    };
  });
  const reasons = reasonCodes(
    characteristics.map((c, j) => ({ ...c, description: (compiled.characteristics[j] as (typeof compiled.characteristics)[number]).spec.description })),
  );
  return { score, pd: compiled.pdByScore[score - compiled.minScore] as number, reasons, characteristics };
}

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
  /** Bin index per model characteristic and row, when asked for (for PSI). */
  bins?: Int32Array[];
}

/** The fast path: no objects per row, one bin lookup and one points read per characteristic. */
export function scoreRecords<R>(compiled: CompiledScorecard<R>, source: RecordSource<R>, options: { withBins?: boolean } = {}): BatchScores {
  const n = source.size;
  const score = new Int32Array(n);
  const pd = new Float64Array(n);
  const chars = compiled.characteristics;
  const k = chars.length;
  const values = chars.map((c) => c.def.value.bind(c.def) as (r: R) => number | string);
  const lookups = chars.map((c) => c.lookup);
  const points = chars.map((c) => c.points);
  const bins = options.withBins ? chars.map(() => new Int32Array(n)) : undefined;
  const base = compiled.basePoints;
  const minScore = compiled.minScore;
  const pdByScore = compiled.pdByScore;
  for (let i = 0; i < n; i++) {
    const record = source.at(i);
    let s = base;
    for (let j = 0; j < k; j++) {
      const b = (lookups[j] as (v: number | string) => number)((values[j] as (r: R) => number | string)(record));
      s += (points[j] as Int32Array)[b] as number;
      if (bins) (bins[j] as Int32Array)[i] = b;
    }
    score[i] = s;
    pd[i] = pdByScore[s - minScore] as number;
  }
  return bins ? { score, pd, bins } : { score, pd };
}

/** Batch scoring of customers held column-wise (see StatementColumns). */
export function scoreBatch(model: ScorecardModel | CompiledScorecard<StatementRow>, columns: StatementColumns, options: { withBins?: boolean } = {}): BatchScores {
  const compiled = 'pdByScore' in model ? model : compileStatementScorecard(model);
  return scoreRecords(compiled, statementSource(columns), options);
}
