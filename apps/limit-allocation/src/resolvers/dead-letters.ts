import { deadLetterResolvers } from '@jc/events';
import type { Context } from '../context';

const deadLetters = deadLetterResolvers((ctx: Context) => ctx.events);

export const deadLetterQueries = { limitAllocationDeadLetters: deadLetters.list };
export const deadLetterMutations = { replayLimitAllocationEvent: deadLetters.replay };
