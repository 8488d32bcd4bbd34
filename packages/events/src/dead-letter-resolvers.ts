import { badInput, checkPageSize, decodeCursor, notFound, toConnection } from '@jc/subgraph-kit';
import { NoDeadLetterError, UnreplayableEventError, type DeadLetter } from './inbox';
import { UnknownConsumerError, type ServiceEvents } from './service-events';

interface PageArgs {
  first: number;
  after?: string | null;
}

const EVENT_ID = /^[\w:-]{1,100}$/;

/** The dead letter as the shared GraphQL type shows it. */
export const deadLetterView = (d: DeadLetter) => ({ ...d, message: JSON.stringify(d.message) });

/**
 * Resolvers for a service's ADMIN dead-letter list and replay. Each subgraph names its own pair
 * (e.g. limitAllocationDeadLetters / replayLimitAllocationEvent), since a root field cannot be
 * served by several subgraphs at once.
 */
export function deadLetterResolvers<C>(eventsOf: (ctx: C) => ServiceEvents) {
  return {
    list: async (_parent: unknown, { first, after }: PageArgs, ctx: C) => {
      const size = checkPageSize(first);
      const afterId = after ? decodeCursor(after, (k) => EVENT_ID.test(k)) : undefined;
      const rows = await eventsOf(ctx).deadLetters(size + 1, undefined, afterId);
      return toConnection(rows.map(deadLetterView), size, (d) => d.eventId);
    },
    replay: async (_parent: unknown, { input }: { input: { consumer: string; eventId: string } }, ctx: C) => {
      if (!EVENT_ID.test(input.eventId)) throw badInput('Cannot replay: input.eventId: not an event id', [{ path: 'input.eventId', reason: 'not an event id' }]);
      try {
        return await eventsOf(ctx).replay(input.consumer, input.eventId);
      } catch (err) {
        if (err instanceof UnknownConsumerError) throw badInput(err.message, [{ path: 'input.consumer', reason: 'unknown consumer' }]);
        if (err instanceof UnreplayableEventError) throw badInput(err.message, [{ path: 'input.eventId', reason: 'the parked event is invalid' }]);
        if (err instanceof NoDeadLetterError) throw notFound(err.message);
        throw err;
      }
    },
  };
}
