import { loadModel, MAX_BIN_POINTS, ModelValidationError, validateModel, type ModelRequirements } from '../src/model/validate-model';
import type { ModelCharacteristic, NumericModelCharacteristic, ScorecardModel } from '../src/model/model-schema';
import { STATEMENT_SCORECARD } from '../src/model/score';
import { copyOf, syntheticModel } from './support/trained-model';

function reasonFor(mutate: (m: ScorecardModel & Record<string, unknown>) => void, requirements?: ModelRequirements): string {
  const model = copyOf(syntheticModel()) as ScorecardModel & Record<string, unknown>;
  mutate(model);
  const result = validateModel(model, requirements);
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

  it('rejects points that are not the scaled coefficient times WOE, and base points that are not the scaled intercept', () => {
    expect(
      reasonFor((m) => {
        const c = numericCharacteristic(m);
        c.bins.forEach((b) => (b.points = -b.points || 1));
      }),
    ).toMatch(/^segments\[\d+\]\.characteristics\[\d+\]\.bins\[0\]\.points: must be -factor × coefficient × woe rounded \(-?\d+\), got -?\d+$/);
    expect(reasonFor((m) => (m.segments[0]!.basePoints += 20))).toMatch(/^segments\[0\]\.basePoints: must be offset - factor × intercept rounded \(\d+\), got \d+$/);
  });

  it('bounds the points of a bin and the span of the scores, so compiling cannot exhaust memory', () => {
    expect(reasonFor((m) => (m.segments[0]!.characteristics[0]!.bins[0]!.points = 2_000_000_000))).toBe(
      'segments[0].characteristics[0].bins[0].points: must be from -1000 to 1000, got 2000000000',
    );
    // Consistent points, each bin within the bound, but together spanning more than 5,000.
    const reason = reasonFor((m) => {
      const factor = m.scaling.factor;
      const stretch = (c: ModelCharacteristic) => {
        const widest = Math.max(...c.bins.map((b) => Math.abs(factor * c.coefficient * b.woe)));
        c.coefficient *= (MAX_BIN_POINTS - 1) / widest;
        c.bins.forEach((b) => (b.points = Math.round(-factor * c.coefficient * b.woe)));
      };
      for (let k = 0; k < 6; k++) {
        const copy = copyOf(m.segments[0]!.characteristics[0]!);
        copy.code = `${copy.code}_${k}`;
        m.segments[0]!.characteristics.push(copy);
      }
      m.segments[0]!.characteristics.forEach(stretch);
    });
    expect(reason).toMatch(/^segments: scores span -?\d+ to -?\d+, more than 5000 points$/);
  });
});

describe('validateModel with the statement scorecard requirements', () => {
  it('accepts a trained statement model', () => {
    expect(validateModel(syntheticModel(), STATEMENT_SCORECARD).ok).toBe(true);
  });

  it('refuses a characteristic the set does not define, which the shape check alone lets through', () => {
    const rename = (m: ScorecardModel) => (m.segments[0]!.characteristics[0]!.code = 'NO_SUCH_CHAR');
    const model = copyOf(syntheticModel());
    rename(model);
    expect(validateModel(model).ok).toBe(true);
    expect(reasonFor(rename, STATEMENT_SCORECARD)).toBe('segments[0].characteristics[0].code: characteristic NO_SUCH_CHAR is not defined in taiwan-statements-v1');
  });

  it('refuses another characteristic set', () => {
    expect(reasonFor((m) => (m.characteristicSet = 'german-credit-v1'), STATEMENT_SCORECARD)).toBe(
      'characteristicSet: model uses characteristic set german-credit-v1, not taiwan-statements-v1',
    );
  });

  it('refuses a numeric characteristic relabelled as categorical', () => {
    const reason = reasonFor((m) => {
      const c = numericCharacteristic(m) as unknown as Record<string, unknown> & { bins: Array<Record<string, unknown>> };
      c.kind = 'categorical';
      c.otherBin = 0;
      c.bins.forEach((b, i) => {
        delete b.missing;
        b.categories = [`c${i}`];
      });
    }, STATEMENT_SCORECARD);
    expect(reason).toMatch(/^segments\[\d+\]\.characteristics\[\d+\]\.kind: characteristic \w+ is numeric in taiwan-statements-v1, categorical in the model$/);
  });

  it('refuses a consistent model on another points scale', () => {
    const rescaled = (m: ScorecardModel) => {
      m.scaling.baseScore -= 100;
      m.scaling.offset -= 100;
      m.segments.forEach((s) => (s.basePoints -= 100));
    };
    const model = copyOf(syntheticModel());
    rescaled(model);
    expect(validateModel(model).ok).toBe(true);
    expect(reasonFor(rescaled, STATEMENT_SCORECARD)).toBe(
      'scaling: must be 600 points at 50:1 odds and 20 points to double the odds, got 500 at 50:1 and 20',
    );
  });
});

describe('loadModel', () => {
  it('loadModel throws ModelValidationError with the reason, also for broken JSON', () => {
    expect(() => loadModel('{"schema":')).toThrow(ModelValidationError);
    expect(() => loadModel('{"schema":')).toThrow(/not valid JSON/);
    expect(() => loadModel('[]')).toThrow('invalid scorecard model: model: must be an object');
  });
});
