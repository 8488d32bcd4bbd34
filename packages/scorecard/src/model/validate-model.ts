import { RISK_DIRECTIONS, type CharacteristicSet, type RiskDirection } from '../types';
import { compileScorecard, ModelMismatchError, scoreRange } from './compile';
import { MODEL_SCHEMA, MODEL_VERSION, type ModelScaling, type ModelSegment, type ScorecardModel } from './model-schema';

/**
 * Bounds on points. A real scorecard moves a few dozen points per bin (the default model at most
 * 20) and spans a few hundred in total (416–595); at 20 points to double the odds, 1,000 points
 * are odds of 2^50 and 5,000 are 2^250, far beyond any evidence. They are checked because
 * compiling allocates one PD per reachable score: an unbounded model could exhaust memory.
 */
export const MAX_BIN_POINTS = 1_000;
export const MAX_BASE_POINTS = 5_000;
export const MAX_SCORE_SPAN = 5_000;

/** Points may differ from their unrounded value by at most half a point (plus float noise). */
const ROUNDING = 0.5 + 1e-6;

/**
 * What a model must fit to score somewhere: the characteristic set that computes its inputs and
 * the points scale its cut-offs and regional shifts assume.
 */
export interface ModelRequirements {
  characteristicSet: CharacteristicSet<unknown>;
  scaling: Pick<ModelScaling, 'baseScore' | 'baseOdds' | 'pdo'>;
}

export type ModelValidation = { ok: true; model: ScorecardModel } | { ok: false; reason: string };

export class ModelValidationError extends Error {
  constructor(readonly reason: string) {
    super(`invalid scorecard model: ${reason}`);
    this.name = 'ModelValidationError';
  }
}

class Invalid extends Error {}

type Json = Record<string, unknown>;

const fail = (path: string, problem: string): never => {
  throw new Invalid(`${path}: ${problem}`);
};

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, value === undefined ? 'is missing' : 'must be an object');
  return value as Json;
}

function array(value: unknown, path: string, minLength = 0): unknown[] {
  if (!Array.isArray(value)) fail(path, value === undefined ? 'is missing' : 'must be an array');
  const items = value as unknown[];
  if (items.length < minLength) fail(path, `must hold at least ${minLength} item(s)`);
  return items;
}

function finite(value: unknown, path: string): number {
  if (value === undefined) fail(path, 'is missing');
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, `must be a finite number, got ${JSON.stringify(value)}`);
  return value as number;
}

function integer(value: unknown, path: string, min = -Infinity, max = Infinity): number {
  const n = finite(value, path);
  if (!Number.isInteger(n)) fail(path, `must be an integer, got ${n}`);
  if (n < min || n > max) fail(path, `must be from ${min} to ${max}, got ${n}`);
  return n;
}

function between(value: unknown, path: string, lo: number, hi: number): number {
  const n = finite(value, path);
  if (n < lo || n > hi) fail(path, `must be from ${lo} to ${hi}, got ${n}`);
  return n;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) fail(path, value === undefined ? 'is missing' : 'must be a non-empty string');
  return value as string;
}

function descriptions(value: unknown, path: string): void {
  const d = object(value, path);
  text(d.en, `${path}.en`);
  text(d.zh, `${path}.zh`);
}

function ascending(values: unknown, path: string): number[] {
  const items = array(values, path).map((v, i) => finite(v, `${path}[${i}]`));
  items.forEach((v, i) => {
    if (i > 0 && v <= (items[i - 1] as number)) fail(`${path}[${i}]`, `must be greater than the previous value (${items[i - 1]} then ${v})`);
  });
  return items;
}

function sumsToOne(values: number[], path: string): void {
  const sum = values.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-6) fail(path, `shares must sum to 1, got ${sum}`);
}

function metrics(value: unknown, path: string): void {
  const m = object(value, path);
  integer(m.n, `${path}.n`, 0);
  for (const key of ['auc', 'ks', 'brier', 'ece']) between(m[key], `${path}.${key}`, 0, 1);
  between(m.gini, `${path}.gini`, -1, 1);
}

/** Points are the rounded scaling of an unrounded value; anything else was edited by hand. */
function rounded(points: number, exact: number, path: string, formula: string): void {
  if (Math.abs(points - exact) > ROUNDING) fail(path, `must be ${formula} rounded (${Math.round(exact)}), got ${points}`);
}

function characteristic(value: unknown, path: string, factor: number): string {
  const c = object(value, path);
  const code = text(c.code, `${path}.code`);
  descriptions(c.description, `${path}.description`);
  finite(c.iv, `${path}.iv`);
  const coefficient = finite(c.coefficient, `${path}.coefficient`);
  const bins = array(c.bins, `${path}.bins`, 1).map((b, i) => {
    const bin = object(b, `${path}.bins[${i}]`);
    text(bin.label, `${path}.bins[${i}].label`);
    integer(bin.count, `${path}.bins[${i}].count`, 0);
    between(bin.eventRate, `${path}.bins[${i}].eventRate`, 0, 1);
    const woe = finite(bin.woe, `${path}.bins[${i}].woe`);
    const points = integer(bin.points, `${path}.bins[${i}].points`, -MAX_BIN_POINTS, MAX_BIN_POINTS);
    rounded(points, -factor * coefficient * woe, `${path}.bins[${i}].points`, '-factor × coefficient × woe');
    return { bin, share: between(bin.share, `${path}.bins[${i}].share`, 0, 1) };
  });
  sumsToOne(
    bins.map((b) => b.share),
    `${path}.bins`,
  );
  if (c.kind === 'numeric') {
    if (!RISK_DIRECTIONS.includes(c.direction as RiskDirection)) {
      fail(`${path}.direction`, `must be one of ${RISK_DIRECTIONS.join(', ')}, got ${JSON.stringify(c.direction)}`);
    }
    const edges = ascending(c.edges, `${path}.edges`);
    const regular = edges.length + 1;
    if (bins.length !== regular && bins.length !== regular + 1) {
      fail(`${path}.bins`, `${edges.length} edges need ${regular} bins (plus an optional missing bin), got ${bins.length}`);
    }
    bins.forEach(({ bin }, i) => {
      const isMissing = bin.missing === true;
      if (isMissing !== (i === regular)) fail(`${path}.bins[${i}].missing`, i === regular ? 'the bin after the regular bins must be the missing bin' : 'only the last bin may be the missing bin');
    });
    integer(c.missingBin, `${path}.missingBin`, 0, bins.length - 1);
  } else if (c.kind === 'categorical') {
    const seen = new Set<string>();
    bins.forEach(({ bin }, i) => {
      array(bin.categories, `${path}.bins[${i}].categories`, 1).forEach((cat, k) => {
        const name = `${path}.bins[${i}].categories[${k}]`;
        if (typeof cat !== 'string') fail(name, 'must be a string');
        if (seen.has(cat as string)) fail(name, `category ${JSON.stringify(cat)} is in more than one bin`);
        seen.add(cat as string);
      });
    });
    integer(c.otherBin, `${path}.otherBin`, 0, bins.length - 1);
  } else {
    fail(`${path}.kind`, `must be numeric or categorical, got ${JSON.stringify(c.kind)}`);
  }
  return code;
}

function calibration(value: unknown, path: string): void {
  const c = object(value, path);
  if (c.method === 'platt') {
    finite(c.a, `${path}.a`);
    if (finite(c.b, `${path}.b`) >= 0) fail(`${path}.b`, 'must be negative: PD has to fall as the score rises');
  } else if (c.method === 'isotonic') {
    const scores = ascending(c.scores, `${path}.scores`);
    if (scores.length === 0) fail(`${path}.scores`, 'must hold at least 1 item(s)');
    const pds = array(c.pds, `${path}.pds`).map((p, i) => between(p, `${path}.pds[${i}]`, 0, 1));
    if (pds.length !== scores.length) fail(`${path}.pds`, `must have one PD per score (${scores.length}), got ${pds.length}`);
    pds.forEach((p, i) => {
      if (i > 0 && p > (pds[i - 1] as number)) fail(`${path}.pds[${i}]`, 'PD must not rise with the score');
    });
  } else {
    fail(`${path}.method`, `must be isotonic or platt, got ${JSON.stringify(c.method)}`);
  }
}

function check(json: unknown): ScorecardModel {
  const m = object(json, 'model');
  if (m.schema !== MODEL_SCHEMA) fail('schema', `must be ${JSON.stringify(MODEL_SCHEMA)}, got ${JSON.stringify(m.schema)}`);
  if (m.version !== MODEL_VERSION) fail('version', `version ${JSON.stringify(m.version)} is not supported (expected ${MODEL_VERSION})`);
  text(m.modelId, 'modelId');
  text(m.characteristicSet, 'characteristicSet');

  const s = object(m.scaling, 'scaling');
  const baseScore = finite(s.baseScore, 'scaling.baseScore');
  const baseOdds = finite(s.baseOdds, 'scaling.baseOdds');
  const pdo = finite(s.pdo, 'scaling.pdo');
  if (baseOdds <= 0) fail('scaling.baseOdds', 'must be positive');
  if (pdo <= 0) fail('scaling.pdo', 'must be positive');
  const factor = finite(s.factor, 'scaling.factor');
  const offset = finite(s.offset, 'scaling.offset');
  if (Math.abs(factor - pdo / Math.LN2) > 1e-6) fail('scaling.factor', `must equal pdo / ln 2 (${pdo / Math.LN2}), got ${factor}`);
  if (Math.abs(offset - (baseScore - factor * Math.log(baseOdds))) > 1e-6) fail('scaling.offset', 'must equal baseScore - factor * ln(baseOdds)');

  let segmentCount = 1;
  if (m.segmentation !== null) {
    const g = object(m.segmentation, 'segmentation');
    text(g.code, 'segmentation.code');
    const cuts = ascending(g.cuts, 'segmentation.cuts');
    if (cuts.length === 0) fail('segmentation.cuts', 'must hold at least 1 item(s)');
    segmentCount = cuts.length + 1;
    const names = array(g.names, 'segmentation.names');
    if (names.length !== segmentCount) fail('segmentation.names', `must name each of the ${segmentCount} segments, got ${names.length}`);
    names.forEach((n, i) => descriptions(n, `segmentation.names[${i}]`));
    descriptions(g.description, 'segmentation.description');
  }
  const segments = array(m.segments, 'segments', 1);
  if (segments.length !== segmentCount) fail('segments', `the segmentation defines ${segmentCount} segment(s), got ${segments.length}`);
  segments.forEach((value, i) => {
    const path = `segments[${i}]`;
    const seg = object(value, path);
    descriptions(seg.name, `${path}.name`);
    if (integer(seg.index, `${path}.index`) !== i) fail(`${path}.index`, `must be ${i}`);
    const intercept = finite(seg.intercept, `${path}.intercept`);
    const base = integer(seg.basePoints, `${path}.basePoints`, -MAX_BASE_POINTS, MAX_BASE_POINTS);
    rounded(base, offset - factor * intercept, `${path}.basePoints`, 'offset - factor × intercept');
    integer(seg.trainingRows, `${path}.trainingRows`, 0);
    array(seg.excluded, `${path}.excluded`);
    const codes = new Set<string>();
    array(seg.characteristics, `${path}.characteristics`).forEach((c, j) => {
      const code = characteristic(c, `${path}.characteristics[${j}]`, factor);
      if (codes.has(code)) fail(`${path}.characteristics[${j}].code`, `${code} appears twice`);
      codes.add(code);
    });
  });
  const range = scoreRange(segments as ModelSegment[]);
  if (range.max - range.min > MAX_SCORE_SPAN) fail('segments', `scores span ${range.min} to ${range.max}, more than ${MAX_SCORE_SPAN} points`);

  calibration(m.calibration, 'calibration');

  const d = object(m.trainingDistribution, 'trainingDistribution');
  integer(d.n, 'trainingDistribution.n', 1);
  const edges = ascending(d.scoreBandEdges, 'trainingDistribution.scoreBandEdges');
  const shares = array(d.scoreBandShares, 'trainingDistribution.scoreBandShares').map((v, i) => between(v, `trainingDistribution.scoreBandShares[${i}]`, 0, 1));
  if (shares.length !== edges.length + 1) fail('trainingDistribution.scoreBandShares', `${edges.length} edges need ${edges.length + 1} shares, got ${shares.length}`);
  sumsToOne(shares, 'trainingDistribution.scoreBandShares');
  const segmentShares = array(d.segmentShares, 'trainingDistribution.segmentShares').map((v, i) => between(v, `trainingDistribution.segmentShares[${i}]`, 0, 1));
  if (segmentShares.length !== segmentCount) fail('trainingDistribution.segmentShares', `must have one share per segment (${segmentCount})`);
  sumsToOne(segmentShares, 'trainingDistribution.segmentShares');

  const mm = object(m.metrics, 'metrics');
  metrics(mm.training, 'metrics.training');
  metrics(mm.validation, 'metrics.validation');
  object(m.trainingOptions, 'trainingOptions');

  const p = object(m.provenance, 'provenance');
  text(p.dataFile, 'provenance.dataFile');
  if (typeof p.dataSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(p.dataSha256)) fail('provenance.dataSha256', 'must be 64 lower-case hex digits');
  if (typeof p.trainedAt !== 'string' || Number.isNaN(Date.parse(p.trainedAt))) fail('provenance.trainedAt', 'must be an ISO date');
  integer(p.seed, 'provenance.seed');
  const rows = object(p.rows, 'provenance.rows');
  for (const key of ['total', 'skipped', 'training', 'validation']) integer(rows[key], `provenance.rows.${key}`, 0);
  metrics(p.trainingMetrics, 'provenance.trainingMetrics');
  metrics(p.validationMetrics, 'provenance.validationMetrics');
  return json as ScorecardModel;
}

/** Whether a well-formed model can score under the requirements: same scale, and it compiles against the set. */
function checkRequirements(model: ScorecardModel, required: ModelRequirements): void {
  const { baseScore, baseOdds, pdo } = model.scaling;
  const want = required.scaling;
  if (baseScore !== want.baseScore || baseOdds !== want.baseOdds || pdo !== want.pdo) {
    fail(
      'scaling',
      `must be ${want.baseScore} points at ${want.baseOdds}:1 odds and ${want.pdo} points to double the odds, got ${baseScore} at ${baseOdds}:1 and ${pdo}`,
    );
  }
  try {
    compileScorecard(model, required.characteristicSet);
  } catch (error) {
    if (error instanceof ModelMismatchError) fail(error.path, error.message);
    throw error;
  }
}

/**
 * Checks a parsed model JSON; the reason names the offending field by its path. With
 * requirements, also that the model can score there: a model that only fails when it first
 * scores would otherwise pass registration.
 */
export function validateModel(json: unknown, requirements?: ModelRequirements): ModelValidation {
  try {
    const model = check(json);
    if (requirements) checkRequirements(model, requirements);
    return { ok: true, model };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Parses (when given text) and validates a model; throws ModelValidationError with the reason. */
export function loadModel(source: string | unknown, requirements?: ModelRequirements): ScorecardModel {
  let json: unknown = source;
  if (typeof source === 'string') {
    try {
      json = JSON.parse(source);
    } catch (error) {
      throw new ModelValidationError(`not valid JSON (${(error as Error).message})`);
    }
  }
  const result = validateModel(json, requirements);
  if (!result.ok) throw new ModelValidationError(result.reason);
  return result.model;
}
