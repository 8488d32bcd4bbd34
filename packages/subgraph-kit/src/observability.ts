import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ROOT_CONTEXT, defaultTextMapGetter, trace, type SpanContext } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { ApolloServerPlugin } from '@apollo/server';

export interface ServiceMetrics {
  registry: Registry;
  plugin: ApolloServerPlugin<any>;
}

/** Prometheus metrics per server instance (not the global registry: tests run several servers in one process). */
export function createServiceMetrics(service: string): ServiceMetrics {
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
  const plugin: ApolloServerPlugin<any> = {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse({ operationName, errors: errs, response }) {
          const operation = operationName ?? 'anonymous';
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
