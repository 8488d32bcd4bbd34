/**
 * Runs tasks concurrently across keys and in order within a key, at most `limit` at once. A
 * consumer keys by customer: one customer's events apply in the order they arrived while other
 * customers' events proceed beside them, instead of every event waiting for the one before it.
 */
export class KeyedLanes {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly limit: number) {}

  /** Queues `task` (which must not reject) behind earlier tasks of `key`; resolves when there is room for more. */
  async add(key: string, task: () => Promise<void>): Promise<void> {
    while (this.inFlight.size >= this.limit) await Promise.race(this.inFlight);
    const done = (this.tails.get(key) ?? Promise.resolve()).then(task);
    this.tails.set(key, done);
    this.inFlight.add(done);
    void done.finally(() => {
      this.inFlight.delete(done);
      if (this.tails.get(key) === done) this.tails.delete(key);
    });
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
  }
}
