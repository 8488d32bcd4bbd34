import { badInput } from './errors';

export const MAX_PAGE_SIZE = 100;

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export function checkPageSize(first: number, max = MAX_PAGE_SIZE): number {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badInput(`first must be between 1 and ${max}`, [{ path: 'first', reason: `must be between 1 and ${max}` }]);
  }
  return first;
}

const PREFIX = 'v1:';

/** Cursors are opaque to clients but are plain keyset positions inside: base64url("v1:" + key). */
export function encodeCursor(key: string): string {
  return Buffer.from(PREFIX + key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, isValidKey: (key: string) => boolean): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const key = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  if (!key || !isValidKey(key)) throw badInput('after is not a valid cursor', [{ path: 'after', reason: 'malformed cursor' }]);
  return key;
}

/** Builds a connection from rows fetched with limit first + 1, the extra row telling whether more exist. */
export function toConnection<T>(rows: T[], first: number, keyOf: (row: T) => string): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
