export interface KeyedRow {
  ordering_key: string | null;
}

export interface KeyOrderOutcome<R> {
  sent: R[];
  failed: Array<{ row: R; error: string }>;
  /** Not tried: an earlier row of their key failed, and they must not overtake it. */
  held: R[];
}

/**
 * Publishes rows (oldest first) so that a key's rows reach the bus in order even when one fails:
 * each row of a key is published once the one before it was acknowledged, and after a failure the
 * key's remaining rows are held. Keys go at once, first rows in the order given (one connection
 * keeps them in that order); a row without a key is its own chain. A publish that resolved is
 * not known to be in order for one that is still pending, so waiting is the only way to be sure.
 */
export async function publishInKeyOrder<R extends KeyedRow>(rows: readonly R[], publish: (row: R) => Promise<void>): Promise<KeyOrderOutcome<R>> {
  const chains = new Map<unknown, R[]>();
  for (const row of rows) {
    const key = row.ordering_key ?? row;
    const chain = chains.get(key);
    if (chain) chain.push(row);
    else chains.set(key, [row]);
  }
  const outcome: KeyOrderOutcome<R> = { sent: [], failed: [], held: [] };
  await Promise.all(
    [...chains.values()].map(async (chain) => {
      for (const [i, row] of chain.entries()) {
        try {
          await publish(row);
          outcome.sent.push(row);
        } catch (err) {
          outcome.failed.push({ row, error: String((err as Error)?.message ?? err).slice(0, 500) });
          outcome.held.push(...chain.slice(i + 1));
          return;
        }
      }
    }),
  );
  return outcome;
}
