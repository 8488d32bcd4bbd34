import { encodeCursor } from '@jc/subgraph-kit';
import { ScoreRepository } from '../src/db/score-repository';
import { bad, good, useScoringSubgraph } from './support/subgraph';

const subgraph = useScoringSubgraph();
const SCORE = 'mutation ($id: ID!, $s: [StatementInput!]!) { scoreCustomer(input: { customerId: $id, statements: $s }) { score } }';
const PAGE = 'edges { cursor node { score grade modelVersion scoredAt } } pageInfo { hasNextPage endCursor }';

/** Customers scored 0 to 4 times, so pages are empty, partial, exact and with more behind them. */
const timesScored = [3, 0, 1, 4, 2, 3];
const ids: string[] = [];

/** The unbatched answer: each customer's champion scores, newest first, straight from the table. */
async function storedHistory(id: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await subgraph.database.dataSource.query('SELECT id::text AS id FROM credit_scores WHERE customer_id = $1 AND NOT shadow ORDER BY credit_scores.id DESC', [id]);
  return rows.map((r) => encodeCursor(r.id));
}

beforeAll(async () => {
  for (const [i, times] of timesScored.entries()) {
    const id = await subgraph.onboard();
    ids.push(id);
    for (let n = 0; n < times; n++) expect((await subgraph.run(SCORE, { id, s: (i + n) % 2 ? bad : good })).errors).toBeUndefined();
  }
});

afterEach(() => jest.restoreAllMocks());

describe('scoreHistory under a list of customers', () => {
  it('reads every customer\'s page in one repository call, equal to each customer asked alone', async () => {
    const alone = new Map<string, unknown>();
    for (const id of ids) {
      const res = await subgraph.run(`query ($id: ID!) { customer(id: $id) { scoreHistory(first: 2) { ${PAGE} } } }`, { id });
      expect(res.errors).toBeUndefined();
      alone.set(id, res.data?.customer.scoreHistory);
    }
    const spy = jest.spyOn(ScoreRepository.prototype, 'historyPages');
    const res = await subgraph.run(`{ customers(first: 50) { edges { node { id scoreHistory(first: 2) { ${PAGE} } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]?.[0]).toHaveLength(ids.length);
    const batched = new Map(res.data?.customers.edges.map((e: { node: { id: string; scoreHistory: unknown } }) => [e.node.id, e.node.scoreHistory]));
    expect(batched).toEqual(alone);
  });

  it('pages each customer\'s whole history with the same cursors, while batched', async () => {
    const expected = new Map(await Promise.all(ids.map(async (id) => [id, await storedHistory(id)] as const)));
    const seen = new Map(ids.map((id) => [id, [] as string[]]));
    const after = new Map<string, string | null>(ids.map((id) => [id, null]));
    while (after.size > 0) {
      const live = [...after.keys()];
      const fields = live.map((_, i) => `c${i}: customer(id: $id${i}) { scoreHistory(first: 1, after: $a${i}) { ${PAGE} } }`);
      const spy = jest.spyOn(ScoreRepository.prototype, 'historyPages');
      const res = await subgraph.run(
        `query (${live.map((_, i) => `$id${i}: ID!, $a${i}: String`).join(', ')}) { ${fields.join(' ')} }`,
        Object.fromEntries(live.flatMap((id, i) => [[`id${i}`, id], [`a${i}`, after.get(id)]])),
      );
      expect(res.errors).toBeUndefined();
      expect(spy).toHaveBeenCalledTimes(1);
      spy.mockRestore();
      live.forEach((id, i) => {
        const page = res.data?.[`c${i}`].scoreHistory;
        seen.get(id)!.push(...page.edges.map((e: { cursor: string }) => e.cursor));
        if (page.pageInfo.hasNextPage) after.set(id, page.pageInfo.endCursor);
        else after.delete(id);
      });
    }
    expect(seen).toEqual(expected);
    expect(ids.map((id) => seen.get(id)!.length)).toEqual(timesScored);
  });

  it('still refuses a bad page size or cursor per field', async () => {
    for (const args of ['first: 0', 'first: 101', 'first: 1, after: "nope!"']) {
      const res = await subgraph.run(`query ($id: ID!) { customer(id: $id) { scoreHistory(${args}) { edges { cursor } } } }`, { id: ids[0] });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
