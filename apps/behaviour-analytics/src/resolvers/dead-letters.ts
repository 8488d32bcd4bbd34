import { deadLetterResolvers } from '@jc/events';
import type { Context } from '../context';

const deadLetters = deadLetterResolvers((ctx: Context) => ctx.events);

export const deadLetterQueries = { behaviourAnalyticsDeadLetters: deadLetters.list };
export const deadLetterMutations = { replayBehaviourAnalyticsEvent: deadLetters.replay };
