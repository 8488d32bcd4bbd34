import { good, useScoringSubgraph } from './support/subgraph';

const subgraph = useScoringSubgraph();
const SCORE = 'mutation ($id: ID!, $s: [StatementInput!]!) { scoreCustomer(input: { customerId: $id, statements: $s }) { score } }';
const RECORD = 'mutation ($id: ID!, $at: DateTime!) { recordOutcome(input: { customerId: $id, defaulted: false, observedAt: $at }) { observedAt } }';

async function tableCounts() {
  const [row] = await subgraph.database.dataSource.query(
    `SELECT (SELECT count(*) FROM customer_statements)::int AS statements, (SELECT count(*) FROM credit_scores)::int AS scores,
            (SELECT count(*) FROM credit_outcomes)::int AS outcomes`,
  );
  return row;
}

let id: string;
beforeAll(async () => {
  id = await subgraph.onboard();
});

describe('dates before 2000-01-01', () => {
  it.each([['1925-11-01'], ['0001-01-01'], ['1999-12-31']])('refuses the statement month %s with BAD_USER_INPUT naming it, storing nothing', async (month) => {
    const before = await tableCounts();
    const res = await subgraph.run(SCORE, { id, s: [good[0], { ...good[1], month }, ...good.slice(2)] });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.invalid).toEqual([{ path: 'input.statements[1].month', reason: 'must not be before 2000-01-01' }]);
    expect(await tableCounts()).toEqual(before);
  });

  it('accepts a statement of January 2000', async () => {
    const res = await subgraph.run(SCORE, { id, s: [...good, { ...good[0], month: '2000-01-15' }] });
    expect(res.errors).toBeUndefined();
  });

  it.each([['1925-11-30T08:00:00Z'], ['0001-01-01T00:00:00Z'], ['1999-12-31T23:59:59.999Z'], ['2000-01-01T07:59:59+08:00']])(
    'refuses the outcome observed at %s with BAD_USER_INPUT naming input.observedAt, storing nothing',
    async (at) => {
      const before = await tableCounts();
      const res = await subgraph.run(RECORD, { id, at });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.invalid).toEqual([{ path: 'input.observedAt', reason: 'must not be before 2000-01-01' }]);
      expect(await tableCounts()).toEqual(before);
    },
  );

  it('accepts an outcome observed at the first instant of 2000', async () => {
    const res = await subgraph.run(RECORD, { id, at: '2000-01-01T00:00:00Z' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.recordOutcome.observedAt).toBe('2000-01-01T00:00:00.000Z');
  });
});
