import { InputProblems } from '@jc/subgraph-kit';
import { DerivedStore } from '../db/derived-store';
import { SegmentRepository } from '../db/segment-repository';
import type { QueryResolvers } from '../generated/graphql';
import { detectionStart, peakRangeProblems, peakWindows } from '../model/peaks';

export const Query: QueryResolvers = {
  peakPeriods: async (_parent, { from, to }, ctx) => {
    const problems = new InputProblems();
    for (const p of peakRangeProblems(from, to)) problems.add(p.path, p.reason);
    problems.throwIfAny('Invalid peak range');
    const volume = await new DerivedStore(ctx.dataSource.manager).dailyVolume(detectionStart(from), to);
    return peakWindows(from, to, volume);
  },
  segmentSummary: (_parent, { groupBy }, ctx) => new SegmentRepository(ctx.dataSource).summary(groupBy),
};
