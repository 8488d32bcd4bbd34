import { pdOfScore } from '../calibration';
import type { CharacteristicDef, CharacteristicSet } from '../types';
import { makeBinLookup } from './bin-lookup';
import type { ModelCharacteristic, ScorecardModel } from './model-schema';

export interface CompiledCharacteristic<R> {
  spec: ModelCharacteristic;
  def: CharacteristicDef<R>;
  lookup: (value: number | string) => number;
  points: Int32Array;
  maxPoints: number;
}

/** A model joined to its characteristic definitions, with everything per-row precomputed. */
export interface CompiledScorecard<R> {
  model: ScorecardModel;
  characteristics: CompiledCharacteristic<R>[];
  basePoints: number;
  minScore: number;
  /** PD of every reachable score, index score - minScore, so batch PD is one array read. */
  pdByScore: Float64Array;
}

export class ModelMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelMismatchError';
  }
}

export function compileScorecard<R>(model: ScorecardModel, set: CharacteristicSet<R>): CompiledScorecard<R> {
  if (model.characteristicSet !== set.id) {
    throw new ModelMismatchError(`model uses characteristic set ${model.characteristicSet}, not ${set.id}`);
  }
  const defs = new Map(set.characteristics.map((d) => [d.code, d]));
  let minScore = model.scaling.basePoints;
  let maxScore = model.scaling.basePoints;
  const characteristics = model.characteristics.map((spec) => {
    const def = defs.get(spec.code);
    if (!def) throw new ModelMismatchError(`characteristic ${spec.code} is not defined in ${set.id}`);
    if (def.kind !== spec.kind) throw new ModelMismatchError(`characteristic ${spec.code} is ${def.kind} in ${set.id}, ${spec.kind} in the model`);
    const points = Int32Array.from(spec.bins, (b) => b.points);
    const maxPoints = Math.max(...points);
    minScore += Math.min(...points);
    maxScore += maxPoints;
    return { spec, def, lookup: makeBinLookup(spec), points, maxPoints };
  });
  const pdByScore = Float64Array.from({ length: maxScore - minScore + 1 }, (_, k) => pdOfScore(model.calibration, minScore + k));
  return { model, characteristics, basePoints: model.scaling.basePoints, minScore, pdByScore };
}
