import { readFileSync } from 'node:fs';
import { testPrincipals } from '@jc/subgraph-kit';
import { AddModelScore1765238400000 } from '../src/db/migrations/1765238400000-add-model-score';
import { defaultModelPath } from '../src/model/default-model';
import { bad, good, useScoringSubgraph } from './support/subgraph';

const defaultModel = JSON.parse(readFileSync(defaultModelPath, 'utf8'));
const subgraph = useScoringSubgraph();
const { run, onboard } = subgraph;

const SCORE = 'mutation ($id: ID!, $s: [StatementInput!]!) { scoreCustomer(input: { customerId: $id, statements: $s }) { score } }';
const MONITOR = 'query ($v: ID) { scoreMonitoring(modelVersion: $v) { psi scoredCustomers scoreDistribution { count share trainingShare } } }';
const shift = 1;
const version = 'taiwan-statements-v1:psi-test';

/**
 * A small training population: one customer like `good`, one like `bad`. The challenger's training
 * distribution is exactly theirs, with a band edge at the good customer's model score, so a
 * regional shift that moved it below the edge would count as drift.
 */
describe('monitoring a region with its own calibration', () => {
  let goodScore: number;
  let badScore: number;
  const beijing: string[] = [];

  beforeAll(async () => {
    // Region 44 has no standard under the champion: these are the model's own scores.
    goodScore = (await run(SCORE, { id: await onboard('44'), s: good })).data?.scoreCustomer.score;
    badScore = (await run(SCORE, { id: await onboard('44'), s: bad })).data?.scoreCustomer.score;
    expect(goodScore - badScore).toBeGreaterThan(Math.round(shift * defaultModel.scaling.factor));
    const challenger = {
      ...defaultModel,
      modelId: version,
      trainingDistribution: { ...defaultModel.trainingDistribution, scoreBandEdges: [badScore + 1, goodScore], scoreBandShares: [0.5, 0, 0.5] },
    };
    const registered = await run('mutation ($i: RegisterModelInput!) { registerModel(input: $i) { version } }', {
      i: {
        modelJson: JSON.stringify(challenger),
        gradeCutoffs: { a: 700, b: 650, c: 600, d: 550 },
        regionalStandards: [{ region: '11', logOddsShift: shift }],
      },
    });
    expect(registered.errors).toBeUndefined();
    for (const s of [good, bad]) {
      const id = await onboard('11');
      beijing.push(id);
      await run(SCORE, { id, s });
    }
  });

  it('stores the regional score for decisions and the model score beside it', async () => {
    const rows = await subgraph.database.dataSource.query(
      'SELECT score, model_score FROM credit_scores WHERE model_version = $1 AND customer_id = ANY($2) ORDER BY model_score DESC',
      [version, beijing],
    );
    const points = Math.round(shift * defaultModel.scaling.factor);
    expect(rows).toEqual([
      { score: goodScore - points, model_score: goodScore },
      { score: badScore - points, model_score: badScore },
    ]);
  });

  it('measures the distribution and PSI on the model score: the training population shows no drift', async () => {
    const res = await run(MONITOR, { v: version }, testPrincipals.analyst);
    expect(res.errors).toBeUndefined();
    const m = res.data?.scoreMonitoring;
    expect(m.scoredCustomers).toBe(2);
    expect(m.scoreDistribution.map((b: { count: number }) => b.count)).toEqual([1, 0, 1]);
    expect(m.psi).toBeCloseTo(0, 9);
  });

  it('backfills the model score of rows stored before the column existed, from the shift in force', async () => {
    const { dataSource } = subgraph.database;
    const before = await dataSource.query('SELECT id, score, model_score FROM credit_scores ORDER BY id');
    expect(before.length).toBeGreaterThan(4);
    const q = dataSource.createQueryRunner();
    try {
      await q.query('ALTER TABLE credit_scores DROP COLUMN model_score');
      await new AddModelScore1765238400000().up(q);
    } finally {
      await q.release();
    }
    expect(await dataSource.query('SELECT id, score, model_score FROM credit_scores ORDER BY id')).toEqual(before);
  });
});
