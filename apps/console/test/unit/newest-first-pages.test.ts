/** @jest-environment node */
import { createCache } from '../../src/apollo/client';
import { ALLOCATION_SIMULATIONS } from '../../src/graphql/allocation';

// The cache's field policy for the lists "Show more" extends, through the list of simulations.
const node = (id: string) => ({
  __typename: 'AllocationSimulation',
  id,
  method: 'OPTIMISER' as const,
  policyVersion: null,
  budget: '100.00',
  status: 'SIMULATED' as const,
  createdBy: 'dev-analyst',
  createdAt: '2026-11-30T09:00:00.000Z',
  appliedAt: null,
});
const page = (ids: string[], hasNextPage: boolean) => ({
  allocationSimulations: {
    __typename: 'AllocationSimulationConnection',
    edges: ids.map((id) => ({ __typename: 'AllocationSimulationEdge', cursor: `cursor-${id}`, node: node(id) })),
    pageInfo: { __typename: 'PageInfo', endCursor: ids.length > 0 ? `cursor-${ids.at(-1)!}` : null, hasNextPage },
  },
});

function listedAfter(writes: { after?: string; ids: string[]; hasNextPage: boolean }[]) {
  const cache = createCache();
  for (const { after, ids, hasNextPage } of writes) {
    cache.writeQuery({ query: ALLOCATION_SIMULATIONS, variables: after ? { first: 20, after } : { first: 20 }, data: page(ids, hasNextPage) });
  }
  const list = cache.readQuery({ query: ALLOCATION_SIMULATIONS, variables: { first: 20 } })!.allocationSimulations;
  return { ids: list.edges.map((e) => e.node.id), pageInfo: { endCursor: list.pageInfo.endCursor, hasNextPage: list.pageInfo.hasNextPage } };
}

describe('pages of a newest-first list in the cache', () => {
  it('appends an older page after the first, with the older page telling whether more follow', () => {
    expect(listedAfter([
      { ids: ['5', '4'], hasNextPage: true },
      { after: 'cursor-4', ids: ['3', '2'], hasNextPage: false },
    ])).toEqual({ ids: ['5', '4', '3', '2'], pageInfo: { endCursor: 'cursor-2', hasNextPage: false } });
  });

  it('lists an item once when a page repeats one already listed', () => {
    expect(listedAfter([
      { ids: ['5', '4'], hasNextPage: true },
      { after: 'cursor-4', ids: ['4', '3'], hasNextPage: true },
      { after: 'cursor-4', ids: ['4', '3'], hasNextPage: true },
    ]).ids).toEqual(['5', '4', '3']);
  });

  it('keeps the older pages loaded when the first page again reaches into them (an item was added)', () => {
    expect(listedAfter([
      { ids: ['5', '4'], hasNextPage: true },
      { after: 'cursor-4', ids: ['3', '2'], hasNextPage: true },
      { ids: ['6', '5'], hasNextPage: true },
    ])).toEqual({ ids: ['6', '5', '4', '3', '2'], pageInfo: { endCursor: 'cursor-2', hasNextPage: true } });
  });

  it('starts over from a first page that does not reach what was listed', () => {
    expect(listedAfter([
      { ids: ['5', '4'], hasNextPage: true },
      { after: 'cursor-4', ids: ['3', '2'], hasNextPage: false },
      { ids: ['8', '7'], hasNextPage: true },
    ])).toEqual({ ids: ['8', '7'], pageInfo: { endCursor: 'cursor-7', hasNextPage: true } });
  });
});
