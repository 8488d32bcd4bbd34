import { Agent, fetch as undiciFetch } from 'undici';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { Histogram, type Registry } from 'prom-client';

/** What a client loses when a subgraph is away, for the error that says so. */
export const SUBGRAPH_PARTS: Record<string, string> = {
  'credit-scoring': 'customer profiles',
  'behaviour-analytics': 'behaviour profiles (Customer.behaviour)',
  'limit-allocation': 'credit lines (Customer.creditLine)',
};

/**
 * One keep-alive pool with a bounded number of sockets per subgraph origin, and a deadline on every
 * subgraph call so one slow subgraph cannot hold a client request forever.
 */
export function createSubgraphFetcher(options: { timeoutMs: number; subgraph: string; registry: Registry; agent: Agent }): Fetcher {
  const latency =
    (options.registry.getSingleMetric('subgraph_request_duration_seconds') as Histogram<'subgraph' | 'outcome'> | undefined) ??
    new Histogram({
      name: 'subgraph_request_duration_seconds',
      help: 'Gateway to subgraph call latency',
      labelNames: ['subgraph', 'outcome'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [options.registry],
    });
  return (async (url: string, init: Record<string, unknown> = {}) => {
    const stop = latency.startTimer({ subgraph: options.subgraph });
    try {
      const response = await undiciFetch(url, { ...init, dispatcher: options.agent, signal: AbortSignal.timeout(options.timeoutMs) } as never);
      stop({ outcome: response.ok ? 'ok' : `http_${response.status}` });
      return response;
    } catch (err) {
      const outcome = (err as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable';
      stop({ outcome });
      const why = outcome === 'timeout' ? `within ${options.timeoutMs} ms` : 'at all';
      throw new GraphQLError(`The ${options.subgraph} service did not answer ${why}; ${SUBGRAPH_PARTS[options.subgraph] ?? 'its fields'} are missing from this response`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: options.subgraph },
      });
    }
  }) as unknown as Fetcher;
}

export function createSubgraphAgent(maxSockets: number): Agent {
  return new Agent({ connections: maxSockets, keepAliveTimeout: 30_000, pipelining: 1 });
}
