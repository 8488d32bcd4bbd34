import type { FuzzedMutation } from './inputs';

export const behaviourAnalyticsMutations: FuzzedMutation[] = [];
