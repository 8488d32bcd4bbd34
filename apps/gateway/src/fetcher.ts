import { Agent, fetch as undiciFetch } from 'undici';
import type { Fetcher } from '@apollo/utils.fetcher';

/**
 * One keep-alive pool per gateway with a bounded number of sockets per subgraph origin, and a
 * deadline on every subgraph call so one slow subgraph cannot hold a client request forever.
 */
export function createSubgraphFetcher(options: { maxSockets: number; timeoutMs: number }): { fetcher: Fetcher; close(): Promise<void> } {
  const agent = new Agent({ connections: options.maxSockets, keepAliveTimeout: 30_000, pipelining: 1 });
  const fetcher = ((url: string, init: Record<string, unknown> = {}) =>
    undiciFetch(url, { ...init, dispatcher: agent, signal: AbortSignal.timeout(options.timeoutMs) } as never)) as unknown as Fetcher;
  return { fetcher, close: () => agent.close() };
}
