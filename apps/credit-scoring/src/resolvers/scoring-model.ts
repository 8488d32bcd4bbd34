import type { ScoringModelResolvers } from '../generated/graphql';

export const ScoringModel: ScoringModelResolvers = {
  trainedAt: (version) => version.model.provenance.trainedAt,
  validationMetrics: (version) => version.model.metrics.validation,
};
