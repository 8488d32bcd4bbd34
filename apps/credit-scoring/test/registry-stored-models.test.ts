import { readFileSync } from 'node:fs';
import { defaultModelPath } from '../src/model/default-model';
import { good, useScoringSubgraph } from './support/subgraph';

const defaultModel = JSON.parse(readFileSync(defaultModelPath, 'utf8'));

const subgraph = useScoringSubgraph();
const { run, onboard } = subgraph;

const SCORE = 'mutation ($id: ID!, $s: [StatementInput!]!) { scoreCustomer(input: { customerId: $id, statements: $s }) { score modelVersion } }';

/** A row as an older release could have stored it, before the validator or the registration checks tightened. */
async function storeRaw(version: string, model: unknown): Promise<void> {
  await subgraph.database.dataSource.query(
    `INSERT INTO scoring_models (version, status, model, default_grade_cutoffs, regional_standards, registered_at)
     VALUES ($1, 'CHALLENGER', $2::jsonb, '{"a":560,"b":540,"c":530,"d":510}'::jsonb, '[]'::jsonb, '2026-11-01T00:00:00Z')`,
    [version, JSON.stringify(model)],
  );
}

describe('stored models that no longer load', () => {
  it('skips a stored challenger that fails validation instead of failing every score', async () => {
    // Malformed: the validator refuses it outright.
    await storeRaw('broken:malformed', { ...defaultModel, modelId: 'broken:malformed', segments: 'nope' });
    // Well-formed but not scoreable here: the scale differs, a check registration added later.
    await storeRaw('broken:scale', { ...defaultModel, modelId: 'broken:scale', scaling: { ...defaultModel.scaling, pdo: 40 } });
    const id = await onboard();
    const res = await run(SCORE, { id, s: good });
    expect(res.errors).toBeUndefined();
    expect(res.data?.scoreCustomer.modelVersion).toBe(defaultModel.modelId);
    const rows = await subgraph.database.dataSource.query('SELECT model_version FROM credit_scores WHERE customer_id = $1', [id]);
    expect(rows).toEqual([{ model_version: defaultModel.modelId }]);
  });

  it('still lists the registry, leaving out what cannot be read', async () => {
    const res = await run('{ scoringModels { version status } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.scoringModels.map((m: { version: string }) => m.version)).toContain(defaultModel.modelId);
    expect(res.data?.scoringModels.map((m: { version: string }) => m.version)).not.toContain('broken:malformed');
  });

  it('refuses to promote a stored model that cannot score, with a code and no change', async () => {
    for (const version of ['broken:malformed', 'broken:scale']) {
      const res = await run('mutation ($v: ID!) { promoteModel(input: { version: $v }) { version } }', { v: version });
      expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    }
    const rows = await subgraph.database.dataSource.query(`SELECT version FROM scoring_models WHERE status = 'CHAMPION'`);
    expect(rows).toEqual([{ version: defaultModel.modelId }]);
  });
});

describe('default grade cut-offs of a registered model', () => {
  const REGISTER = 'mutation ($i: RegisterModelInput!) { registerModel(input: $i) { version defaultGradeCutoffs { a b c d } } }';
  /** The default model with its training score bands replaced: a model trained on clumpier scores has fewer distinct deciles. */
  const withBands = (modelId: string, scoreBandEdges: number[]) => ({
    ...defaultModel,
    modelId,
    trainingDistribution: { ...defaultModel.trainingDistribution, scoreBandEdges, scoreBandShares: new Array(scoreBandEdges.length + 1).fill(1 / (scoreBandEdges.length + 1)) },
  });

  it.each([
    ['five distinct deciles', [500, 520, 540, 560, 580]],
    ['no deciles at all', []],
    ['fractional deciles', [480, 507.5, 522, 531, 537, 543, 548, 555, 563]],
  ])('refuses defaults that are not four falling whole scores (%s) and stores nothing', async (_label, edges) => {
    const modelId = `bands:${edges.length}:${edges[0] ?? 'none'}`;
    const res = await run(REGISTER, { i: { modelJson: JSON.stringify(withBands(modelId, edges)) } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors?.[0]?.extensions)).toContain('input.gradeCutoffs');
    expect(await subgraph.database.dataSource.query('SELECT version FROM scoring_models WHERE version = $1', [modelId])).toEqual([]);
  });

  it('registers such a model when cut-offs are given', async () => {
    const res = await run(REGISTER, { i: { modelJson: JSON.stringify(withBands('bands:given', [500, 520, 540, 560, 580])), gradeCutoffs: { a: 580, b: 560, c: 530, d: 500 } } });
    expect(res.errors).toBeUndefined();
    expect(res.data?.registerModel.defaultGradeCutoffs).toEqual({ a: 580, b: 560, c: 530, d: 500 });
  });
});
