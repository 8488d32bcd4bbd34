import { ApolloServer } from '@apollo/server';
import { createServiceMetrics } from '../src';

/** Operation names are chosen by clients: the metrics keep a bounded number of them. */
it('labels metrics with at most a fixed number of distinct operation names, counting the rest as "other"', async () => {
  const metrics = createServiceMetrics('labels-test', { maxOperationLabels: 3 });
  const server = new ApolloServer({ typeDefs: 'type Query { ping: Int }', resolvers: { Query: { ping: () => 1 } }, plugins: [metrics.plugin] });
  await server.start();
  try {
    for (const name of ['A', 'B', 'C', 'D', 'E', 'A', 'F', `G${'x'.repeat(200)}`]) await server.executeOperation({ query: `query ${name} { ping }` });
    await server.executeOperation({ query: '{ ping }' });
    const requests = (await metrics.registry.getSingleMetric('graphql_requests_total')!.get()).values;
    expect(Object.fromEntries(requests.map((v) => [v.labels.operation, v.value]))).toEqual({ A: 2, B: 1, C: 1, other: 5 });
    const durations = (await metrics.registry.getSingleMetric('graphql_request_duration_seconds')!.get()).values;
    expect(new Set(durations.map((v) => v.labels.operation))).toEqual(new Set(['A', 'B', 'C', 'other']));
  } finally {
    await server.stop();
  }
});
