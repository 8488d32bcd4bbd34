import type { FieldPolicy } from '@apollo/client';

interface StoredConnection {
  edges: { cursor: string }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/**
 * A newest-first connection that "Show more" extends with older pages (`after`), kept as one list
 * whatever page was asked for. An older page goes after the edges already listed, less any already
 * there. The first page again (a mutation's refetch, the page opened again) starts the list over,
 * unless it reaches into what is listed: then the older pages loaded stay after it, so creating or
 * cancelling a campaign does not fold the list back to its first page.
 */
export function newestFirstPages(): FieldPolicy<StoredConnection> {
  return {
    keyArgs: false,
    merge(existing, incoming, { args }) {
      if (!existing) return incoming;
      if (args?.after) {
        const listed = new Set(existing.edges.map((e) => e.cursor));
        return { ...incoming, edges: [...existing.edges, ...incoming.edges.filter((e) => !listed.has(e.cursor))] };
      }
      const lastCursor = incoming.edges.at(-1)?.cursor;
      const reached = existing.edges.findIndex((e) => e.cursor === lastCursor);
      const older = reached < 0 || !incoming.pageInfo.hasNextPage ? [] : existing.edges.slice(reached + 1);
      return older.length === 0 ? incoming : { ...incoming, edges: [...incoming.edges, ...older], pageInfo: existing.pageInfo };
    },
  };
}
