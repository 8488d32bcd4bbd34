import { badInput, checkPageSize, decodeCursor, notFound, toConnection } from '@jc/subgraph-kit';
import { MAX_DEAD_LETTER_ID, NoDeadLetterError, UnreplayableEventError, type DeadLetter, type DeadLetterPosition } from './inbox';
import { UnknownConsumerError, type ServiceEvents } from './service-events';

interface PageArgs {
  first: number;
  after?: string | null;
}

/** Any id a dead letter can be stored under: a parked message's id is whatever it carried. */
const isDeadLetterId = (id: unknown): id is string => typeof id === 'string' && id.length > 0 && id.length <= MAX_DEAD_LETTER_ID;

/**
 * A cursor is a dead letter's position in the list, [event id, consumer] as JSON, inside the
 * kit's opaque base64url cursor; any id round-trips, and a cursor is valid when it decodes to one.
 */
const positionKey = (d: Pick<DeadLetter, 'eventId' | 'consumer'>): string => JSON.stringify([d.eventId, d.consumer]);

function positionOf(key: string): DeadLetterPosition | null {
  let value: unknown;
  try {
    value = JSON.parse(key);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2 || !isDeadLetterId(value[0]) || typeof value[1] !== 'string') return null;
  return { eventId: value[0], consumer: value[1] };
}

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
      const position = after ? positionOf(decodeCursor(after, (key) => positionOf(key) !== null))! : undefined;
      const rows = await eventsOf(ctx).deadLetters(size + 1, undefined, position);
      return toConnection(rows.map(deadLetterView), size, positionKey);
    },
    replay: async (_parent: unknown, { input }: { input: { consumer: string; eventId: string } }, ctx: C) => {
      if (!isDeadLetterId(input.eventId)) throw badInput('Cannot replay: input.eventId: not an event id', [{ path: 'input.eventId', reason: 'not an event id' }]);
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
