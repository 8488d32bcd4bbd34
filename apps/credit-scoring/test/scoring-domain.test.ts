import { generateCustomer } from '@jc/simulator';
import { auc, ks, loadModel } from '@jc/scorecard';
import { readFileSync } from 'node:fs';
import { demoStatements } from '../src/model/demo-statements';
import { defaultGradeCutoffs, gradeCutoffProblems, gradeOf, shiftPd, shiftScore } from '../src/model/grading';
import { checkRegistration } from '../src/model/model-registry';
import { fittedLogOddsShift, monitoring, regionCalibration, type ScoredOutcome } from '../src/model/monitoring';
import { defaultModelPath } from '../src/model/default-model';
import { DEFAULT_MODEL_UNITS_PER_YUAN, modelUnitsPerYuanFrom, sixMonthWindow, statementProblems } from '../src/model/statements';

const model = loadModel(readFileSync(defaultModelPath, 'utf8'));
const TODAY = '2026-11-20';
const s = (month: string, limit: number, status = -1) => ({ month, limit, balance: limit / 2, repaid: limit / 4, status });

describe('sixMonthWindow', () => {
  it('converts fen to model units with the factor, most recent month first', () => {
    const window = sixMonthWindow([s('2026-10-01', 100_00), s('2026-11-01', 200_00)], 4, TODAY);
    expect(window?.[0]).toEqual({ limit: 800, balance: 400, repaid: 200, status: -1 });
    expect(window?.[1]).toEqual({ limit: 400, balance: 200, repaid: 100, status: -1 });
  });

  it('fills older missing months as no-use months at the earliest known limit', () => {
    const window = sixMonthWindow([s('2026-11-01', 300_00), s('2026-10-01', 100_00)], 1, TODAY);
    expect(window).toHaveLength(6);
    for (const m of window!.slice(2)) expect(m).toEqual({ limit: 100, balance: 0, repaid: 0, status: -2 });
  });

  it('fills a gap with the limit of the nearest older month and ignores months past the window', () => {
    const window = sixMonthWindow([s('2026-11-01', 300_00), s('2026-09-01', 200_00), s('2026-01-01', 50_00)], 1, TODAY);
    expect(window?.map((m) => m.limit)).toEqual([300, 200, 200, 50, 50, 50]);
    expect(window?.map((m) => m.status)).toEqual([-1, -2, -1, -2, -2, -2]);
  });

  it('crosses a year boundary', () => {
    const window = sixMonthWindow([s('2026-02-01', 100), s('2025-10-01', 100, 2)], 1, TODAY);
    expect(window?.map((m) => m.status)).toEqual([-1, -2, -2, -2, 2, -2]);
  });

  it('is null without statements', () => {
    expect(sixMonthWindow([], 1, TODAY)).toBeNull();
  });
});

describe('statement problems', () => {
  it('names each bad field by index', () => {
    const problems = statementProblems([{ month: '2026-12-01', limit: 0, balance: 0, repaid: -1, status: 1.5 }], '2026-11-30');
    expect(problems.map((p) => p.path)).toEqual(['statements[0].month', 'statements[0].limit', 'statements[0].repaid', 'statements[0].status']);
  });

  it('wants one to twelve statements', () => {
    expect(statementProblems([], '2026-11-30').map((p) => p.path)).toEqual(['statements']);
    const many = Array.from({ length: 13 }, (_, i) => s(`20${10 + i}-01-01`, 100));
    expect(statementProblems(many, '2026-11-30').map((p) => p.reason)).toEqual(['at most 12 statements per call']);
  });
});

describe('unit conversion', () => {
  it('defaults to the documented factor and reads the environment', () => {
    expect(modelUnitsPerYuanFrom({})).toBe(DEFAULT_MODEL_UNITS_PER_YUAN);
    expect(modelUnitsPerYuanFrom({ CREDIT_SCORING_MODEL_UNITS_PER_YUAN: '4.25' })).toBe(4.25);
    expect(() => modelUnitsPerYuanFrom({ CREDIT_SCORING_MODEL_UNITS_PER_YUAN: '-1' })).toThrow(/positive/);
  });
});

describe('grades and regional calibration', () => {
  const cutoffs = { a: 600, b: 560, c: 540, d: 500 };
  it.each([[600, 'A'], [599, 'B'], [560, 'B'], [540, 'C'], [539, 'D'], [500, 'D'], [499, 'E']])('grades %i as %s', (score, grade) => {
    expect(gradeOf(score, cutoffs)).toBe(grade);
  });

  it('derives default cut-offs from the training deciles', () => {
    const edges = model.trainingDistribution.scoreBandEdges;
    expect(defaultGradeCutoffs(model)).toEqual({ a: edges[7], b: edges[5], c: edges[3], d: edges[1] });
  });

  it('refuses cut-offs that do not fall from a to d', () => {
    expect(gradeCutoffProblems({ a: 500, b: 500, c: 400, d: 300 }, 'x')).toEqual([{ path: 'x', reason: 'cut-offs must fall strictly from a to d' }]);
    expect(gradeCutoffProblems({ a: 1.5, b: 500, c: 400, d: 300 }, 'x').map((p) => p.path)).toEqual(['x.a']);
  });

  it('shifts the log-odds: PD 0.2 (odds 1:4) shifted by ln 2 has odds 1:2, PD 1/3', () => {
    expect(shiftPd(0.2, Math.log(2))).toBeCloseTo(1 / 3, 12);
    expect(shiftPd(0.2, 0)).toBe(0.2);
    expect(shiftPd(0.9999, 5)).toBe(1 - 1e-4);
  });

  it('moves the score by pdo points per doubling of the odds', () => {
    expect(shiftScore(600, Math.log(2), model)).toBe(580);
    expect(shiftScore(600, -Math.log(2), model)).toBe(620);
  });
});

describe('calibration in the large', () => {
  const outcomes = (n: number, pd: number, defaults: number, region = '44'): ScoredOutcome[] =>
    [
      { score: 550, probabilityOfDefault: pd, region, defaulted: true, count: defaults },
      { score: 550, probabilityOfDefault: pd, region, defaulted: false, count: n - defaults },
    ].filter((o) => o.count > 0);
  const logit = (p: number) => Math.log(p / (1 - p));

  it('fits the shift that makes the PDs add up to the defaults', () => {
    expect(fittedLogOddsShift([{ probabilityOfDefault: 0.1, count: 100 }], 30)).toBeCloseTo(logit(0.3) - logit(0.1), 6);
    const mixed = [0.02, 0.05, 0.1, 0.3, 0.6];
    const shift = fittedLogOddsShift(mixed.map((p) => ({ probabilityOfDefault: p, count: 1 })), 2);
    expect(mixed.reduce((sum, p) => sum + 1 / (1 + Math.exp(-(logit(p) + shift))), 0)).toBeCloseTo(2, 6);
  });

  it('reports a region against its current shift, with the gap in standard errors', () => {
    const c = regionCalibration('44', outcomes(100, 0.1, 30), 0.5);
    expect(c).toMatchObject({ region: '44', outcomes: 100, defaults: 30, observedDefaultRate: 0.3, logOddsShift: 0.5 });
    expect(c.expectedDefaultRate).toBeCloseTo(0.1, 12);
    expect(c.z).toBeCloseTo(20 / 3, 6);
    expect(c.suggestedLogOddsShift).toBeCloseTo(0.5 + logit(0.3) - logit(0.1), 3);
    // PDs that were right suggest keeping the shift
    expect(regionCalibration('44', outcomes(100, 0.2, 20), -0.25).suggestedLogOddsShift).toBeCloseTo(-0.25, 3);
  });

  it('reads discrimination, rates and calibration from counted outcomes as from each outcome', () => {
    const counted: ScoredOutcome[] = [
      { score: 520, probabilityOfDefault: 0.12, region: '44', defaulted: true, count: 7 },
      { score: 520, probabilityOfDefault: 0.12, region: '44', defaulted: false, count: 13 },
      // the same score in another region: tied with the rows above
      { score: 520, probabilityOfDefault: 0.1, region: '11', defaulted: true, count: 1 },
      { score: 520, probabilityOfDefault: 0.1, region: '11', defaulted: false, count: 5 },
      { score: 610, probabilityOfDefault: 0.03, region: '44', defaulted: true, count: 2 },
      { score: 610, probabilityOfDefault: 0.03, region: '44', defaulted: false, count: 40 },
      { score: 700, probabilityOfDefault: 0.01, region: '11', defaulted: false, count: 30 },
    ];
    const each = counted.flatMap((o) => Array.from({ length: o.count }, () => o));
    const bands = new Array(model.trainingDistribution.scoreBandEdges.length + 1).fill(0);
    const m = monitoring('v', model, bands, counted, () => 0);
    const risk = each.map((o) => -o.score);
    const labels = each.map((o) => (o.defaulted ? 1 : 0));
    expect(m).toMatchObject({ outcomes: 98, defaults: 10, auc: auc(risk, labels), ks: ks(risk, labels), observedDefaultRate: 10 / 98 });
    expect(m.expectedDefaultRate).toBeCloseTo(each.reduce((sum, o) => sum + o.probabilityOfDefault, 0) / 98, 12);
    const region44 = each.filter((o) => o.region === '44').map((o) => ({ ...o, count: 1 }));
    const one = regionCalibration('44', region44, 0);
    expect(m.calibrationByRegion[0]).toMatchObject({ outcomes: one.outcomes, defaults: one.defaults, suggestedLogOddsShift: one.suggestedLogOddsShift });
    expect(m.calibrationByRegion[0]!.expectedDefaultRate).toBeCloseTo(one.expectedDefaultRate, 12);
    expect(m.calibrationByRegion[0]!.z).toBeCloseTo(one.z!, 10);
    expect(m.calibrationByRegion.map((c) => [c.region, c.outcomes, c.defaults])).toEqual([['44', 62, 9], ['11', 36, 1]]);
  });

  it('suggests nothing without both outcomes, and never beyond what registration accepts', () => {
    expect(regionCalibration('44', outcomes(50, 0.1, 0), 0).suggestedLogOddsShift).toBeNull();
    expect(regionCalibration('44', outcomes(50, 0.1, 50), 0).suggestedLogOddsShift).toBeNull();
    expect(regionCalibration('44', outcomes(1000, 0.0001, 999), 0).suggestedLogOddsShift).toBe(5);
  });
});

describe('registration checks', () => {
  it('fills default cut-offs into regions without their own', () => {
    const { registration } = checkRegistration({ modelJson: JSON.stringify(model), regionalStandards: [{ region: '44', logOddsShift: -0.2 }] });
    expect(registration?.regionalStandards).toEqual([{ region: '44', logOddsShift: -0.2, gradeCutoffs: defaultGradeCutoffs(model) }]);
  });

  it('reports a duplicate region', () => {
    const { problems } = checkRegistration({ modelJson: JSON.stringify(model), regionalStandards: [{ region: '44', logOddsShift: 0 }, { region: '44', logOddsShift: 0 }] });
    expect(problems).toEqual([{ path: 'input.regionalStandards[1].region', reason: 'region given twice' }]);
  });
});

describe('demo statements', () => {
  it('are six valid months, reproducible from the seed', () => {
    for (let i = 0; i < 50; i++) {
      const customer = generateCustomer('demo', i);
      const a = demoStatements('demo', customer, '2025-06-01');
      expect(a).toEqual(demoStatements('demo', customer, '2025-06-01'));
      expect(a.map((m) => m.month)).toEqual(['2025-06-01', '2025-05-01', '2025-04-01', '2025-03-01', '2025-02-01', '2025-01-01']);
      expect(statementProblems(a, '2025-07-01')).toEqual([]);
    }
  });
});
