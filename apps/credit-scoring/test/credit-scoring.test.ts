import { readFileSync } from 'node:fs';
import { testPrincipals } from '@jc/subgraph-kit';
import { ScoreRepository } from '../src/db/score-repository';
import { defaultModelPath } from '../src/model/default-model';
import { bad, good, months, useScoringSubgraph } from './support/subgraph';

const defaultJson = readFileSync(defaultModelPath, 'utf8');
const defaultVersion = JSON.parse(defaultJson).modelId as string;
const subgraph = useScoringSubgraph();
const { run, onboard } = subgraph;

const SCORE = `mutation ($id: ID!, $s: [StatementInput!]!) {
  scoreCustomer(input: { customerId: $id, statements: $s }) {
    score grade probabilityOfDefault modelVersion scoredAt region regionCalibrationApplied
    reasons { code description descriptionZh pointsShortfall }
  }
}`;

async function tableCounts() {
  const [row] = await subgraph.database.dataSource.query(
    `SELECT (SELECT count(*) FROM customer_statements)::int AS statements, (SELECT count(*) FROM credit_scores)::int AS scores,
            (SELECT count(*) FROM scoring_models)::int AS models, (SELECT count(*) FROM credit_outcomes)::int AS outcomes`,
  );
  return row;
}

describe('model registry', () => {
  it('starts with the committed default model as champion', async () => {
    const res = await run('{ scoringModels { version status trainedAt validationMetrics { auc ks } defaultGradeCutoffs { a b c d } } }', {}, testPrincipals.analyst);
    expect(res.errors).toBeUndefined();
    expect(res.data?.scoringModels).toHaveLength(1);
    const [m] = res.data?.scoringModels;
    expect(m).toMatchObject({ version: defaultVersion, status: 'CHAMPION' });
    expect(m.validationMetrics.auc).toBeGreaterThan(0.7);
    expect(m.defaultGradeCutoffs.a).toBeGreaterThan(m.defaultGradeCutoffs.d);
  });

  it.each([
    ['text that is not JSON', '{nope', 'is not JSON'],
    ['a model with a broken field', JSON.stringify({ ...JSON.parse(defaultJson), scaling: { ...JSON.parse(defaultJson).scaling, pdo: -1 } }), 'scaling'],
    ['an unrelated JSON object', '{"hello": 1}', 'input.modelJson'],
  ])('rejects %s with the reason and stores nothing', async (_name, modelJson, reason) => {
    const before = await tableCounts();
    const res = await run('mutation ($i: RegisterModelInput!) { registerModel(input: $i) { version } }', { i: { modelJson } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(reason);
    expect(await tableCounts()).toEqual(before);
  });

  /** The default model changed by `edit`, under a fresh version. */
  const edited = (edit: (m: any) => void) => {
    const m = JSON.parse(defaultJson);
    edit(m);
    m.modelId = `${m.modelId}-edited`;
    return JSON.stringify(m);
  };

  it.each([
    [
      'a characteristic the statement set does not define',
      edited((m) => (m.segments[0].characteristics[0].code = 'NO_SUCH_CHAR')),
      'segments[0].characteristics[0].code: characteristic NO_SUCH_CHAR is not defined in taiwan-statements-v1',
    ],
    [
      'another characteristic set',
      edited((m) => (m.characteristicSet = 'german-credit-v1')),
      'characteristicSet: model uses characteristic set german-credit-v1, not taiwan-statements-v1',
    ],
    [
      'a numeric characteristic relabelled as categorical',
      edited((m) => {
        const c = m.segments[0].characteristics[0];
        c.kind = 'categorical';
        c.otherBin = 0;
        c.bins.forEach((b: any, i: number) => {
          delete b.missing;
          b.categories = [`c${i}`];
        });
      }),
      `segments[0].characteristics[0].kind: characteristic ${JSON.parse(defaultJson).segments[0].characteristics[0].code} is numeric in taiwan-statements-v1, categorical in the model`,
    ],
    [
      'points that do not follow from coefficient and WOE',
      edited((m) => m.segments[0].characteristics[0].bins.forEach((b: any) => (b.points = -b.points || 1))),
      'segments[0].characteristics[0].bins[0].points: must be -factor × coefficient × woe rounded',
    ],
    [
      'base points that do not follow from the intercept',
      edited((m) => (m.segments[0].basePoints += 20)),
      'segments[0].basePoints: must be offset - factor × intercept rounded',
    ],
    [
      'points beyond any real scorecard (2e9 would exhaust memory when compiled)',
      edited((m) => (m.segments[0].characteristics[0].bins[0].points = 2_000_000_000)),
      'segments[0].characteristics[0].bins[0].points: must be from -1000 to 1000, got 2000000000',
    ],
  ])('refuses a model that could not score here: %s', async (_name, modelJson, reason) => {
    const before = await tableCounts();
    const res = await run('mutation ($i: RegisterModelInput!) { registerModel(input: $i) { version } }', { i: { modelJson } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(reason);
    expect(await tableCounts()).toEqual(before);
    // The champion still scores: nothing half-registered got in the way.
    const id = await onboard();
    const scored = await run('mutation ($id: ID!, $s: [StatementInput!]!) { scoreCustomer(input: { customerId: $id, statements: $s }) { modelVersion } }', { id, s: good });
    expect(scored.errors).toBeUndefined();
  });

  it('rejects bad regional standards naming each field', async () => {
    const res = await run('mutation ($i: RegisterModelInput!) { registerModel(input: $i) { version } }', {
      i: {
        modelJson: defaultJson,
        gradeCutoffs: { a: 500, b: 520, c: 510, d: 490 },
        regionalStandards: [{ region: '99', logOddsShift: 9 }],
      },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (res.errors?.[0]?.extensions?.invalid as Array<{ path: string }>).map((p) => p.path);
    expect(paths).toEqual(['input.gradeCutoffs', 'input.regionalStandards[0].region', 'input.regionalStandards[0].logOddsShift']);
  });

  it('refuses to register the same version twice', async () => {
    const res = await run('mutation ($i: RegisterModelInput!) { registerModel(input: $i) { version } }', { i: { modelJson: defaultJson } });
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('is closed to analysts', async () => {
    const res = await run('mutation ($v: ID!) { promoteModel(input: { version: $v }) { version } }', { v: defaultVersion }, testPrincipals.analyst);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('scoreCustomer and creditProfile', () => {
  let id: string;
  beforeAll(async () => {
    id = await onboard('44');
  });

  it('has no profile before the first scoring', async () => {
    const res = await run('query ($id: ID!) { customer(id: $id) { creditProfile { score } scoreHistory(first: 5) { edges { cursor } } } }', { id });
    expect(res.errors).toBeUndefined();
    expect(res.data?.customer).toEqual({ creditProfile: null, scoreHistory: { edges: [] } });
  });

  it('stores the statements, scores with the champion and explains the score', async () => {
    const res = await run(SCORE, { id, s: good });
    expect(res.errors).toBeUndefined();
    const p = res.data?.scoreCustomer;
    expect(p).toMatchObject({ modelVersion: defaultVersion, scoredAt: '2026-11-30T08:00:00.000Z', region: '44', regionCalibrationApplied: false });
    expect(p.probabilityOfDefault).toBeGreaterThan(0);
    expect(p.probabilityOfDefault).toBeLessThan(0.2);
    expect(p.reasons.length).toBeLessThanOrEqual(4);
    for (const r of p.reasons) expect(r.pointsShortfall).toBeGreaterThan(0);
    const shortfalls = p.reasons.map((r: { pointsShortfall: number }) => r.pointsShortfall);
    expect(shortfalls).toEqual([...shortfalls].sort((a, b) => b - a));
    const [row] = await subgraph.database.dataSource.query(
      `SELECT credit_limit::text AS l, balance::text AS b FROM customer_statements WHERE customer_id = $1 AND month = '2026-11-01'`,
      [id],
    );
    expect(row).toEqual({ l: '2000000', b: '300000' });

    const read = await run('query ($id: ID!) { customer(id: $id) { creditProfile { score grade probabilityOfDefault } } }', { id }, testPrincipals.customer(id));
    expect(read.errors).toBeUndefined();
    expect(read.data?.customer.creditProfile).toEqual({ score: p.score, grade: p.grade, probabilityOfDefault: p.probabilityOfDefault });
  });

  it('scores a delinquent, maxed-out history lower, with delinquency among the reasons', async () => {
    const other = await onboard('44');
    const good1 = (await run(SCORE, { id, s: good })).data?.scoreCustomer;
    const res = await run(SCORE, { id: other, s: bad });
    expect(res.errors).toBeUndefined();
    const p = res.data?.scoreCustomer;
    expect(p.score).toBeLessThan(good1.score);
    expect(p.probabilityOfDefault).toBeGreaterThan(good1.probabilityOfDefault);
    expect(p.grade).toBe('E');
    expect(p.reasons.map((r: { code: string }) => r.code).some((c: string) => c.startsWith('DLQ'))).toBe(true);
  });

  it('treats missing older months as no-use months at the earliest known limit', async () => {
    const short = await onboard('44');
    const one = await run(SCORE, { id: short, s: [good[0]] });
    expect(one.errors).toBeUndefined();
    const full = await onboard('44');
    const explicit = [good[0], ...months.slice(1).map((month) => ({ month, limit: '20000.00', balance: '0.00', repaid: '0.00', status: -2 }))];
    const six = await run(SCORE, { id: full, s: explicit });
    expect(one.data?.scoreCustomer.score).toBe(six.data?.scoreCustomer.score);
    expect(one.data?.scoreCustomer.probabilityOfDefault).toBe(six.data?.scoreCustomer.probabilityOfDefault);
  });

  it('pages through the score history newest first', async () => {
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const res = await run('query ($id: ID!, $a: String) { customer(id: $id) { scoreHistory(first: 1, after: $a) { edges { cursor node { score scoredAt } } pageInfo { hasNextPage endCursor } } } }', { id, a: after });
      expect(res.errors).toBeUndefined();
      const page = res.data?.customer.scoreHistory;
      seen.push(...page.edges.map((e: { node: { score: number } }) => e.node.score));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(2);
  });

  it.each([
    ['a negative limit', { limit: '-1.00' }, 'input.statements[0].limit'],
    ['a status out of range', { status: 12 }, 'input.statements[0].status'],
    ['a negative repayment', { repaid: '-5.00' }, 'input.statements[0].repaid'],
    ['a future month', { month: '2027-01-01' }, 'input.statements[0].month'],
  ])('rejects %s with BAD_USER_INPUT and stores nothing', async (_name, patch, path) => {
    const before = await tableCounts();
    const res = await run(SCORE, { id, s: [{ ...good[0], ...patch }, ...good.slice(1)] });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(path);
    expect(await tableCounts()).toEqual(before);
  });

  it('lists every bad field at once, including duplicate months and a missing field', async () => {
    const before = await tableCounts();
    const res = await run(SCORE, { id: 'nope', s: [{ ...good[0], limit: '0.00' }, { ...good[0], status: -3 }] });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (res.errors?.[0]?.extensions?.invalid as Array<{ path: string }>).map((p) => p.path);
    expect(paths).toEqual(['input.customerId', 'input.statements[0].limit', 'input.statements[1].month', 'input.statements[1].status']);
    const missing = await run(SCORE, { id, s: [{ month: '2026-11-01', limit: '1.00', balance: '1.00', status: 0 }] });
    expect(missing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0]?.message).toContain('repaid');
    expect(await tableCounts()).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown customer', async () => {
    const res = await run(SCORE, { id: 'c_0000000000000000', s: good });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets a customer read their own profile but not another customer\'s', async () => {
    const res = await run('query ($id: ID!) { customer(id: $id) { creditProfile { score } } }', { id }, testPrincipals.customer('c_00000000000000aa'));
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('loads the profiles of many _entities in one query', async () => {
    const spy = jest.spyOn(ScoreRepository.prototype, 'latestBy');
    const res = await run('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { creditProfile { score } } } }', {
      r: [id, 'c_0000000000000000', id].map((x) => ({ __typename: 'Customer', id: x })),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[1]).toBeNull();
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
