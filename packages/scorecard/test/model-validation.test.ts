import { loadModel, ModelValidationError, validateModel } from '../src/model/validate-model';
import type { NumericModelCharacteristic, ScorecardModel } from '../src/model/model-schema';
import { copyOf, syntheticModel } from './support/trained-model';

function reasonFor(mutate: (m: ScorecardModel & Record<string, unknown>) => void): string {
  const model = copyOf(syntheticModel()) as ScorecardModel & Record<string, unknown>;
  mutate(model);
  const result = validateModel(model);
  if (result.ok) throw new Error('expected the model to be rejected');
  return result.reason;
}

function numericCharacteristic(m: ScorecardModel): NumericModelCharacteristic {
  for (const segment of m.segments) {
    const c = segment.characteristics.find((x) => x.kind === 'numeric' && x.edges.length >= 2);
    if (c) return c as NumericModelCharacteristic;
  }
  throw new Error('no numeric characteristic with two edges');
}

describe('validateModel', () => {
  it('accepts a trained model and survives a JSON round trip', () => {
    const model = syntheticModel();
    expect(validateModel(model)).toEqual({ ok: true, model });
    expect(loadModel(JSON.stringify(model)).modelId).toBe(model.modelId);
  });

  it('names a missing field', () => {
    expect(reasonFor((m) => delete (m as Partial<ScorecardModel>).calibration)).toBe('calibration: is missing');
    expect(reasonFor((m) => delete (m.provenance as Partial<ScorecardModel['provenance']>).dataSha256)).toBe(
      'provenance.dataSha256: must be 64 lower-case hex digits',
    );
    expect(reasonFor((m) => delete (m.segments[0] as Partial<ScorecardModel['segments'][number]>).basePoints)).toBe(
      'segments[0].basePoints: is missing',
    );
  });

  it('rejects non-finite numbers', () => {
    expect(reasonFor((m) => ((m.segments[0] as { intercept: unknown }).intercept = null))).toBe(
      'segments[0].intercept: must be a finite number, got null',
    );
    expect(reasonFor((m) => ((m.scaling as { factor: unknown }).factor = 'NaN'))).toBe('scaling.factor: must be a finite number, got "NaN"');
    expect(reasonFor((m) => (m.segments[0]!.characteristics[0]!.bins[0]!.woe = Infinity))).toMatch(
      /^segments\[0\]\.characteristics\[0\]\.bins\[0\]\.woe: must be a finite number/,
    );
  });

  it('rejects unsorted bin edges', () => {
    const reason = reasonFor((m) => {
      const c = numericCharacteristic(m);
      c.edges.reverse();
    });
    expect(reason).toMatch(/^segments\[\d+\]\.characteristics\[\d+\]\.edges\[1\]: must be greater than the previous value/);
  });

  it('rejects inconsistent bins, categories and scaling', () => {
    expect(reasonFor((m) => numericCharacteristic(m).bins.pop())).toMatch(/bins: \d+ edges need \d+ bins|bins: shares must sum to 1/);
    expect(reasonFor((m) => (numericCharacteristic(m).bins[0]!.points = 1.5))).toMatch(/points: must be an integer, got 1.5/);
    expect(reasonFor((m) => ((m.scaling as { pdo: number }).pdo = 40))).toMatch(/^scaling.factor: must equal pdo \/ ln 2/);
    expect(reasonFor((m) => ((m as { version: unknown }).version = 2))).toBe('version: version 2 is not supported (expected 1)');
    expect(reasonFor((m) => ((m as { schema: unknown }).schema = 'other'))).toBe('schema: must be "jc-scorecard", got "other"');
  });

  it('rejects a calibration under which PD rises with the score', () => {
    expect(
      reasonFor((m) => {
        m.calibration = { method: 'isotonic', scores: [500, 600], pds: [0.1, 0.3] };
      }),
    ).toBe('calibration.pds[1]: PD must not rise with the score');
    expect(reasonFor((m) => (m.calibration = { method: 'platt', a: 1, b: 0.01 }))).toBe(
      'calibration.b: must be negative: PD has to fall as the score rises',
    );
  });

  it('loadModel throws ModelValidationError with the reason, also for broken JSON', () => {
    expect(() => loadModel('{"schema":')).toThrow(ModelValidationError);
    expect(() => loadModel('{"schema":')).toThrow(/not valid JSON/);
    expect(() => loadModel('[]')).toThrow('invalid scorecard model: model: must be an object');
  });
});
