import { pdOfScore } from '../calibration';
import type { CharacteristicDef, CharacteristicSet } from '../types';
import { makeBinLookup } from './bin-lookup';
import type { ModelCharacteristic, ModelSegment, ScorecardModel } from './model-schema';

export interface CompiledCharacteristic<R> {
  spec: ModelCharacteristic;
  def: CharacteristicDef<R>;
  lookup: (value: number | string) => number;
  points: Int32Array;
  maxPoints: number;
}

export interface CompiledSegment<R> {
  spec: ModelSegment;
  characteristics: CompiledCharacteristic<R>[];
}

/** A model joined to its characteristic definitions, with everything per-row precomputed. */
export interface CompiledScorecard<R> {
  model: ScorecardModel;
  /** Computes the segmenting value; absent for an unsegmented model. */
  segmentValue?: (record: R) => number;
  segmentCuts: Float64Array;
  segments: CompiledSegment<R>[];
  /** Highest base points of any segment: the reference for the segment's reason shortfall. */
  maxBasePoints: number;
  minScore: number;
  /** PD of every reachable score, index score - minScore, so batch PD is one array read. */
  pdByScore: Float64Array;
}

export class ModelMismatchError extends Error {
  constructor(
    message: string,
    /** Where in the model JSON the mismatch is, in validateModel's path notation. */
    readonly path: string,
  ) {
    super(message);
    this.name = 'ModelMismatchError';
  }
}

/** Lowest and highest score the segments can give: base points plus each characteristic's extreme bins. */
export function scoreRange(segments: ReadonlyArray<ModelSegment>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const segment of segments) {
    let low = segment.basePoints;
    let high = segment.basePoints;
    for (const c of segment.characteristics) {
      const points = c.bins.map((b) => b.points);
      low += Math.min(...points);
      high += Math.max(...points);
    }
    min = Math.min(min, low);
    max = Math.max(max, high);
  }
  return { min, max };
}

export function compileScorecard<R>(model: ScorecardModel, set: CharacteristicSet<R>): CompiledScorecard<R> {
  if (model.characteristicSet !== set.id) {
    throw new ModelMismatchError(`model uses characteristic set ${model.characteristicSet}, not ${set.id}`, 'characteristicSet');
  }
  const defs = new Map(set.characteristics.map((d) => [d.code, d]));
  const defOf = (code: string, kind: string, path: string) => {
    const def = defs.get(code);
    if (!def) throw new ModelMismatchError(`characteristic ${code} is not defined in ${set.id}`, `${path}.code`);
    if (def.kind !== kind) throw new ModelMismatchError(`characteristic ${code} is ${def.kind} in ${set.id}, ${kind} in the model`, `${path}.kind`);
    return def;
  };
  const segments = model.segments.map((spec, s) => {
    const characteristics = spec.characteristics.map((c, j) => {
      const points = Int32Array.from(c.bins, (b) => b.points);
      const def = defOf(c.code, c.kind, `segments[${s}].characteristics[${j}]`);
      return { spec: c, def, lookup: makeBinLookup(c), points, maxPoints: Math.max(...points) };
    });
    return { spec, characteristics };
  });
  const { min: minScore, max: maxScore } = scoreRange(model.segments);
  let segmentValue: ((record: R) => number) | undefined;
  if (model.segmentation) {
    const def = defOf(model.segmentation.code, 'numeric', 'segmentation');
    segmentValue = def.value.bind(def) as (record: R) => number;
  }
  const pdByScore = Float64Array.from({ length: maxScore - minScore + 1 }, (_, k) => pdOfScore(model.calibration, minScore + k));
  return {
    model,
    segmentValue,
    segmentCuts: Float64Array.from(model.segmentation?.cuts ?? []),
    segments,
    maxBasePoints: Math.max(...model.segments.map((s) => s.basePoints)),
    minScore,
    pdByScore,
  };
}

/** Segment of a record: NaN and values below the first cut fall in segment 0. */
export function segmentIndexOf<R>(compiled: CompiledScorecard<R>, record: R): number {
  if (!compiled.segmentValue) return 0;
  const v = compiled.segmentValue(record);
  const cuts = compiled.segmentCuts;
  let s = 0;
  while (s < cuts.length && v >= (cuts[s] as number)) s++;
  return s;
}
