import DataLoader from 'dataloader';

/**
 * A per-request loader that fetches many rows by key in one query and hands each caller its own
 * row (or null), in the order asked. Used by every `__resolveReference` so a federated list of N
 * customers costs one query, not N.
 */
export function keyedLoader<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}
