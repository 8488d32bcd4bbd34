import { deadLetterResolvers } from '@jc/events';
import type { Context } from '../context';

const deadLetters = deadLetterResolvers((ctx: Context) => ctx.events);

export const deadLetterQueries = { creditScoringDeadLetters: deadLetters.list };
export const deadLetterMutations = { replayCreditScoringEvent: deadLetters.replay };
