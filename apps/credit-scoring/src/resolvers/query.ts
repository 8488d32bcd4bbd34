import { isCustomerId } from '@jc/domain';
import { checkPageSize, decodeCursor, notFound, toConnection } from '@jc/subgraph-kit';
import type { QueryResolvers } from '../generated/graphql';
import { monitoring } from '../model/monitoring';
import { standardFor } from '../model/scoring';

export const Query: QueryResolvers = {
  customer: (_parent, { id }, ctx) => (isCustomerId(id) ? ctx.customerById.load(id) : null),
  customers: async (_parent, { first, after }, ctx) => {
    const size = checkPageSize(first);
    const afterId = after == null ? undefined : decodeCursor(after, isCustomerId);
    const rows = await ctx.customers.page(size + 1, afterId);
    return toConnection(rows, size, (c) => c.id);
  },
  scoringModels: (_parent, { status, first }, ctx) => ctx.scoring.registry.list({ status, limit: checkPageSize(first) }),
  scoreMonitoring: async (_parent, { modelVersion }, ctx) => {
    const version = modelVersion == null ? await ctx.scoring.registry.champion() : await ctx.scoring.registry.find(modelVersion);
    if (!version) throw notFound(modelVersion == null ? 'No champion model' : `No model version ${modelVersion}`);
    const counts = await ctx.scoring.scores.bandCounts(version.version, version.model.trainingDistribution.scoreBandEdges);
    const outcomes = await ctx.scoring.scores.scoredOutcomes(version.version);
    return monitoring(version.version, version.model, counts, outcomes, (region) => standardFor(version, region).standard.logOddsShift);
  },
};
