import { randomBytes } from 'node:crypto';
import { extractTraceContext } from '@jc/subgraph-kit/src/observability';

/**
 * Continues the caller's W3C trace when it sent one, or starts a trace; the gateway's own hop gets
 * a fresh span id, so the subgraphs' logs join this request under one trace id.
 */
export function traceparentFor(headers: Record<string, string | string[] | undefined>): { traceparent: string; traceId: string } {
  const incoming = extractTraceContext(headers);
  const traceId = incoming?.traceId ?? randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  const flags = (incoming?.traceFlags ?? 1).toString(16).padStart(2, '0');
  return { traceparent: `00-${traceId}-${spanId}-${flags}`, traceId };
}
