import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ROOT_CONTEXT, defaultTextMapGetter, trace, type SpanContext } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { ApolloServerPlugin } from '@apollo/server';

export interface ServiceMetrics {
  registry: Registry;
  plugin: ApolloServerPlugin<any>;
}

/** Distinct operation names that get series of their own; later ones are counted as "other". */
export const MAX_OPERATION_LABELS = 100;
const MAX_OPERATION_NAME_LENGTH = 100;

/**
 * The metric label for an operation name. Clients choose the names, and every label value is a
 * series kept in memory for good, so only the first `max` distinct names (of sensible length) are
 * kept; any other counts as "other".
 */
function operationLabeller(max: number): (operationName: string | null | undefined) => string {
  const kept = new Set<string>();
  return (operationName) => {
    const operation = operationName ?? 'anonymous';
    if (kept.has(operation)) return operation;
    if (kept.size >= max || operation.length > MAX_OPERATION_NAME_LENGTH) return 'other';
    kept.add(operation);
    return operation;
  };
}

/** Prometheus metrics per server instance (not the global registry: tests run several servers in one process). */
export function createServiceMetrics(service: string, { maxOperationLabels = MAX_OPERATION_LABELS } = {}): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'graphql_requests_total', help: 'GraphQL operations by name and outcome', labelNames: ['operation', 'outcome'], registers: [registry] });
  const errors = new Counter({ name: 'graphql_errors_total', help: 'GraphQL errors by operation and code', labelNames: ['operation', 'code'], registers: [registry] });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL operation latency',
    labelNames: ['operation'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const labelOf = operationLabeller(maxOperationLabels);
  const plugin: ApolloServerPlugin<any> = {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse({ operationName, errors: errs, response }) {
          const operation = labelOf(operationName);
          const failed = (errs?.length ?? 0) > 0 || (response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0);
          for (const e of errs ?? []) errors.inc({ operation, code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          requests.inc({ operation, outcome: failed ? 'error' : 'ok' });
          stop({ operation });
        },
      };
    },
  };
  return { registry, plugin };
}

const propagator = new W3CTraceContextPropagator();

/** The caller's W3C trace context (traceparent/tracestate), so logs of one request join across services. */
export function extractTraceContext(headers: Record<string, string | string[] | undefined>): SpanContext | undefined {
  return trace.getSpanContext(propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter));
}
