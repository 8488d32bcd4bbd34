import { badInput, toConnection } from '@jc/subgraph-kit';
import type { MutationResolvers, QueryResolvers } from '../generated/graphql';
import { SIMULATION_ID } from '../services/allocation-service';
import { serialPage } from './serial-page';

export const allocationQueries: Pick<QueryResolvers, 'allocationSimulation' | 'allocationSimulations'> = {
  allocationSimulation: (_parent, { id }, ctx) => {
    if (!SIMULATION_ID.test(id)) throw badInput('id is not a simulation id', [{ path: 'id', reason: 'not a simulation id' }]);
    return ctx.allocations.find(id);
  },
  allocationSimulations: async (_parent, { first, after }, ctx) => {
    const { size, before } = serialPage(first, after);
    return toConnection(await ctx.allocations.list(size + 1, before), size, (s) => s.id);
  },
};

export const allocationMutations: Pick<MutationResolvers, 'simulateAllocation' | 'applyAllocation'> = {
  simulateAllocation: (_parent, { input }, ctx) =>
    ctx.allocations.simulate(input, ctx.principal?.subject ?? 'system'),
  applyAllocation: (_parent, { simulationId }, ctx) => ctx.allocations.apply(simulationId, ctx.principal?.subject ?? 'system'),
};
