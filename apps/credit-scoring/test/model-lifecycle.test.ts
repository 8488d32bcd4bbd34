import { readFileSync } from 'node:fs';
import { testPrincipals } from '@jc/subgraph-kit';
import { defaultModelPath } from '../src/model/default-model';
import { bad, good, useScoringSubgraph } from './support/subgraph';

const defaultJson = readFileSync(defaultModelPath, 'utf8');
const defaultModel = JSON.parse(defaultJson);
/**
 * The default model 20 points more generous in every segment: a distinguishable challenger. The
 * intercept moves with the base points, which must stay offset − factor × intercept.
 */
const challenger = {
  ...defaultModel,
  modelId: 'taiwan-statements-v1:test-challenger',
  segments: defaultModel.segments.map((s: { basePoints: number; intercept: number }) => ({
    ...s,
    intercept: s.intercept - 20 / defaultModel.scaling.factor,
    basePoints: s.basePoints + 20,
  })),
};
const shift = 0.7;
const beijingCutoffs = { a: 700, b: 650, c: 600, d: 550 };

const subgraph = useScoringSubgraph();
const { run, onboard } = subgraph;

const SCORE = 'mutation ($id: ID!, $s: [StatementInput!]!) { scoreCustomer(input: { customerId: $id, statements: $s }) { score grade probabilityOfDefault modelVersion regionCalibrationApplied } }';
const PROFILE = 'query ($id: ID!) { customer(id: $id) { creditProfile { score modelVersion probabilityOfDefault grade regionCalibrationApplied } } }';

describe('champion, challengers and regional standards', () => {
  let guangdong: string;
  let beijing: string;

  it('registers a challenger with a regional standard', async () => {
    const res = await run('mutation ($i: RegisterModelInput!) { registerModel(input: $i) { version status regionalStandards { region logOddsShift gradeCutoffs { a b c d } } } }', {
      i: { modelJson: JSON.stringify(challenger), regionalStandards: [{ region: '11', logOddsShift: shift, gradeCutoffs: beijingCutoffs }] },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.registerModel).toEqual({
      version: challenger.modelId,
      status: 'CHALLENGER',
      regionalStandards: [{ region: '11', logOddsShift: shift, gradeCutoffs: beijingCutoffs }],
    });
  });

  it('scores with the challenger in shadow, stored beside the champion', async () => {
    guangdong = await onboard('44');
    beijing = await onboard('11');
    const res = await run(SCORE, { id: guangdong, s: good });
    expect(res.data?.scoreCustomer.modelVersion).toBe(defaultModel.modelId);
    await run(SCORE, { id: beijing, s: good });
    const rows = await subgraph.database.dataSource.query('SELECT model_version, shadow, score FROM credit_scores WHERE customer_id = $1 ORDER BY shadow', [guangdong]);
    expect(rows).toEqual([
      { model_version: defaultModel.modelId, shadow: false, score: res.data?.scoreCustomer.score },
      { model_version: challenger.modelId, shadow: true, score: res.data?.scoreCustomer.score + 20 },
    ]);
  });

  it('promotes the challenger: its shadow scores become the profiles, the old champion retires', async () => {
    const before = (await run(PROFILE, { id: guangdong })).data?.customer.creditProfile;
    const res = await run('mutation ($v: ID!) { promoteModel(input: { version: $v }) { version status promotedAt } }', { v: challenger.modelId });
    expect(res.errors).toBeUndefined();
    expect(res.data?.promoteModel).toEqual({ version: challenger.modelId, status: 'CHAMPION', promotedAt: '2026-11-30T08:00:00.000Z' });
    const after = (await run(PROFILE, { id: guangdong })).data?.customer.creditProfile;
    expect(after).toMatchObject({ score: before.score + 20, modelVersion: challenger.modelId });
    const models = (await run('{ scoringModels { version status } }')).data?.scoringModels;
    expect(models).toEqual([
      { version: challenger.modelId, status: 'CHAMPION' },
      { version: defaultModel.modelId, status: 'RETIRED' },
    ]);
  });

  it('lists a bounded page of models, optionally of one status', async () => {
    const list = async (args: string) => run(`{ scoringModels${args} { version status } }`, {}, testPrincipals.analyst);
    expect((await list('(first: 1)')).data?.scoringModels).toEqual([{ version: challenger.modelId, status: 'CHAMPION' }]);
    expect((await list('(status: RETIRED)')).data?.scoringModels).toEqual([{ version: defaultModel.modelId, status: 'RETIRED' }]);
    expect((await list('(status: CHALLENGER)')).data?.scoringModels).toEqual([]);
    for (const first of [0, 101]) {
      const res = await list(`(first: ${first})`);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toBe('first must be between 1 and 100');
    }
  });

  it('applies the region\'s calibration and cut-offs', async () => {
    const gd = (await run(SCORE, { id: guangdong, s: good })).data?.scoreCustomer;
    const bj = (await run(SCORE, { id: beijing, s: good })).data?.scoreCustomer;
    expect(gd.regionCalibrationApplied).toBe(false);
    expect(bj.regionCalibrationApplied).toBe(true);
    // A log-odds shift of s costs s·pdo/ln 2 points and multiplies the odds by e^s.
    expect(bj.score).toBe(gd.score - Math.round(shift * defaultModel.scaling.factor));
    const odds = (p: number) => p / (1 - p);
    expect(odds(bj.probabilityOfDefault) / odds(gd.probabilityOfDefault)).toBeCloseTo(Math.exp(shift), 6);
    const expectedGrade = bj.score >= 700 ? 'A' : bj.score >= 650 ? 'B' : bj.score >= 600 ? 'C' : bj.score >= 550 ? 'D' : 'E';
    expect(bj.grade).toBe(expectedGrade);
  });

  it.each([
    ['the champion', () => challenger.modelId, 'CONFLICT'],
    ['a retired model', () => defaultModel.modelId, 'CONFLICT'],
    ['an unknown version', () => 'nope', 'BAD_USER_INPUT'],
  ])('refuses to promote %s and changes nothing', async (_name, version, code) => {
    const before = await subgraph.database.dataSource.query('SELECT version, status, promoted_at FROM scoring_models ORDER BY version');
    const res = await run('mutation ($v: ID!) { promoteModel(input: { version: $v }) { version } }', { v: version() });
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(await subgraph.database.dataSource.query('SELECT version, status, promoted_at FROM scoring_models ORDER BY version')).toEqual(before);
  });
});

describe('monitoring and outcomes', () => {
  const RECORD = 'mutation ($id: ID!, $d: Boolean!, $at: DateTime!) { recordOutcome(input: { customerId: $id, defaulted: $d, observedAt: $at }) { customerId defaulted observedAt } }';
  const MONITOR = `{ scoreMonitoring { modelVersion scoredCustomers psi outcomes defaults auc ks scoreDistribution { minScore maxScore count share trainingShare }
    expectedDefaultRate observedDefaultRate calibrationByRegion { region outcomes defaults expectedDefaultRate observedDefaultRate z logOddsShift suggestedLogOddsShift } } }`;
  const at = '2026-11-30T08:00:00.000Z';
  const goodIds: string[] = [];
  const badIds: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      goodIds.push(await onboard('44'));
      badIds.push(await onboard('44'));
    }
    for (const id of goodIds) await run(SCORE, { id, s: good });
    for (const id of badIds) await run(SCORE, { id, s: bad });
  });

  it('shows AUC and KS as null before any outcome', async () => {
    const res = await run(MONITOR, {}, testPrincipals.analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data?.scoreMonitoring).toMatchObject({ modelVersion: challenger.modelId, outcomes: 0, auc: null, ks: null, expectedDefaultRate: null, observedDefaultRate: null, calibrationByRegion: [] });
  });

  it('records outcomes and measures the champion on them', async () => {
    for (const id of goodIds) expect((await run(RECORD, { id, d: false, at })).errors).toBeUndefined();
    for (const id of badIds) expect((await run(RECORD, { id, d: true, at }, testPrincipals.service)).errors).toBeUndefined();
    const m = (await run(MONITOR, {}, testPrincipals.analyst)).data?.scoreMonitoring;
    expect(m).toMatchObject({ outcomes: 6, defaults: 3, auc: 1, ks: 1 });
    // Two customers scored before this block plus the six here, each counted once at their latest score.
    expect(m.scoredCustomers).toBe(8);
    expect(m.scoreDistribution).toHaveLength(defaultModel.trainingDistribution.scoreBandShares.length);
    expect(m.scoreDistribution.reduce((a: number, b: { count: number }) => a + b.count, 0)).toBe(8);
    expect(m.scoreDistribution[0].minScore).toBeNull();
    expect(m.psi).toBeGreaterThan(0);

    // calibration in the large: the PDs stored with the matched scores against the defaults seen
    const pds: number[] = (
      await subgraph.database.dataSource.query(
        `SELECT DISTINCT ON (customer_id) probability_of_default AS pd FROM credit_scores WHERE customer_id = ANY($1) AND model_version = $2 ORDER BY customer_id, id DESC`,
        [[...goodIds, ...badIds], challenger.modelId],
      )
    ).map((r: { pd: number }) => r.pd);
    const expected = pds.reduce((a, b) => a + b, 0) / 6;
    expect(m.expectedDefaultRate).toBeCloseTo(expected, 9);
    expect(m.observedDefaultRate).toBe(0.5);
    expect(m.calibrationByRegion).toEqual([
      expect.objectContaining({ region: '44', outcomes: 6, defaults: 3, observedDefaultRate: 0.5, logOddsShift: 0, suggestedLogOddsShift: expect.any(Number) }),
    ]);
    const [region] = m.calibrationByRegion;
    expect(region.expectedDefaultRate).toBeCloseTo(expected, 9);
    // half defaulted while the PDs expected less: the suggested shift raises them
    expect(Math.sign(region.suggestedLogOddsShift)).toBe(Math.sign(0.5 - expected));
  });

  it('measures a retired model on request', async () => {
    const res = await run('query ($v: ID) { scoreMonitoring(modelVersion: $v) { modelVersion scoredCustomers } }', { v: defaultModel.modelId }, testPrincipals.analyst);
    expect(res.data?.scoreMonitoring).toEqual({ modelVersion: defaultModel.modelId, scoredCustomers: 2 });
  });

  it('refuses a future, duplicate or unknown outcome and stores nothing', async () => {
    const count = async () => (await subgraph.database.dataSource.query('SELECT count(*)::int AS n FROM credit_outcomes'))[0].n;
    const before = await count();
    expect((await run(RECORD, { id: goodIds[0], d: true, at: '2026-12-01T00:00:00.000Z' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await run(RECORD, { id: goodIds[0], d: true, at })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await run(RECORD, { id: 'c_0000000000000000', d: true, at })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await run(RECORD, { id: 'x', d: true, at })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count()).toBe(before);
  });

  it('answers a retried outcome as the first time and stores it once; another verdict for that instant is a conflict', async () => {
    const id = goodIds[1] as string;
    const observedAt = '2026-11-15T00:00:00.000Z';
    const rows = async () => subgraph.database.dataSource.query('SELECT defaulted FROM credit_outcomes WHERE customer_id = $1 AND observed_at = $2', [id, observedAt]);
    const first = await run(RECORD, { id, d: true, at: observedAt }, testPrincipals.service);
    expect(first.errors).toBeUndefined();
    const retried = await run(RECORD, { id, d: true, at: '2026-11-15T08:00:00+08:00' }, testPrincipals.service);
    expect(retried).toEqual(first);
    expect(await rows()).toEqual([{ defaulted: true }]);
    expect((await run(RECORD, { id, d: false, at: observedAt })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await rows()).toEqual([{ defaulted: true }]);
  });

  it('keeps monitoring from customers', async () => {
    const res = await run(MONITOR, {}, testPrincipals.customer(goodIds[0] as string));
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('concurrent promotions', () => {
  it('leave exactly one champion', async () => {
    const versions = ['taiwan-statements-v1:race-a', 'taiwan-statements-v1:race-b'];
    for (const modelId of versions) {
      const res = await run('mutation ($i: RegisterModelInput!) { registerModel(input: $i) { version } }', { i: { modelJson: JSON.stringify({ ...challenger, modelId }) } });
      expect(res.errors).toBeUndefined();
    }
    const results = await Promise.all(versions.map((v) => run('mutation ($v: ID!) { promoteModel(input: { version: $v }) { status } }', { v })));
    for (const r of results) expect(r.errors).toBeUndefined();
    const champions = await subgraph.database.dataSource.query(`SELECT version FROM scoring_models WHERE status = 'CHAMPION'`);
    expect(champions).toHaveLength(1);
    expect(versions).toContain(champions[0].version);
  });
});

describe('scoring while a model is promoted', () => {
  it('stores every score under the role its model had when it was made: no old champion after the new one', async () => {
    const modelId = 'taiwan-statements-v1:race-scoring';
    const registered = await run('mutation ($i: RegisterModelInput!) { registerModel(input: $i) { version } }', { i: { modelJson: JSON.stringify({ ...challenger, modelId }) } });
    expect(registered.errors).toBeUndefined();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await onboard());
    // scores start every few milliseconds, the promotion a third of the way through, so both models score
    const later = <T>(ms: number, work: () => Promise<T>) => new Promise<T>((resolve, reject) => setTimeout(() => work().then(resolve, reject), ms));
    const scoring = Array.from({ length: 60 }, (_, n) => later(5 * n, () => run(SCORE, { id: ids[n % ids.length], s: n % 2 ? good : bad })));
    const promoted = later(100, () => run('mutation ($v: ID!) { promoteModel(input: { version: $v }) { status } }', { v: modelId }));
    const results = await Promise.all([...scoring, promoted]);
    for (const r of results) expect(r.errors).toBeUndefined();
    const rows: Array<{ model_version: string }> = await subgraph.database.dataSource.query(
      `SELECT model_version FROM credit_scores WHERE customer_id = ANY($1) AND NOT shadow ORDER BY id`,
      [ids],
    );
    expect(rows).toHaveLength(60);
    // (on a busy machine the promotion may land before or after every score; the order must hold either way)
    const firstNew = rows.findIndex((r) => r.model_version === modelId);
    expect(rows.slice(Math.max(0, firstNew)).every((r) => firstNew < 0 || r.model_version === modelId)).toBe(true);
  });
});
