import { checkSchema, compose, readSubgraphSdl, SUBGRAPHS, type CheckInput, type SubgraphSdl } from '../src';

const subgraphs = readSubgraphSdl(SUBGRAPHS);
const current = compose(subgraphs);
if (!current.ok) throw new Error(`the repository's subgraphs must compose: ${current.errors.join('; ')}`);

const baseline: CheckInput = {
  subgraphs,
  committedSupergraph: current.supergraphSdl,
  committedApiSchema: current.apiSchemaSdl,
  baseApiSchema: current.apiSchemaSdl,
  accepted: [],
};

function withEdit(name: string, edit: (sdl: string) => string): SubgraphSdl[] {
  return subgraphs.map((s) => (s.name === name ? { ...s, sdl: edit(s.sdl) } : s));
}

/** The API schema and supergraph of an edited set of subgraphs, as if regenerated and committed. */
function committedFor(edited: SubgraphSdl[]): Pick<CheckInput, 'committedSupergraph' | 'committedApiSchema'> {
  const result = compose(edited);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return { committedSupergraph: result.supergraphSdl, committedApiSchema: result.apiSchemaSdl };
}

it('passes for the committed schema', async () => {
  expect(await checkSchema(baseline)).toEqual({ ok: true, problems: [] });
});

it('fails when composition fails', async () => {
  // A second subgraph defining a non-shareable field with another type cannot compose.
  const edited = withEdit('limit-allocation', (sdl) => sdl.replace('creditLine: CreditLine', 'creditLine: CreditLine\n  region: Int!'));
  const result = await checkSchema({ ...baseline, subgraphs: edited });
  expect(result.ok).toBe(false);
  expect(result.problems.join('\n')).toMatch(/composition failed/);
});

it('fails when the committed supergraph or API schema is stale', async () => {
  const edited = withEdit('behaviour-analytics', (sdl) => sdl.replace('asOf: DateTime', 'asOf: DateTime\n  note: String'));
  const result = await checkSchema({ ...baseline, subgraphs: edited });
  expect(result.ok).toBe(false);
  expect(result.problems.join('\n')).toMatch(/supergraph.graphql is stale/);
  expect(result.problems.join('\n')).toMatch(/api-schema.graphql is stale/);
});

describe('a breaking change to the API schema', () => {
  const edited = withEdit('credit-scoring', (sdl) => sdl.replace(/^ {2}birthYear: Int! @access.*\n/m, ''));

  it('fails while it is not acknowledged', async () => {
    const result = await checkSchema({ ...baseline, subgraphs: edited, ...committedFor(edited) });
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/breaking change not acknowledged.*Customer.birthYear/);
  });

  it('passes once acknowledged in the accepted list', async () => {
    const result = await checkSchema({
      ...baseline,
      subgraphs: edited,
      ...committedFor(edited),
      accepted: [{ key: 'FIELD_REMOVED:Customer.birthYear', reason: 'test' }],
    });
    expect(result).toEqual({ ok: true, problems: [] });
  });

  it('does not flag an additive change', async () => {
    const additive = withEdit('behaviour-analytics', (sdl) => sdl.replace('asOf: DateTime', 'asOf: DateTime\n  note: String'));
    expect(await checkSchema({ ...baseline, subgraphs: additive, ...committedFor(additive) })).toEqual({ ok: true, problems: [] });
  });
});
