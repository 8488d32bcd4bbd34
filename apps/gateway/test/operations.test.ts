import { asRole, startTestStack, type TestStack } from './support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(3, { RATE_LIMIT_BURST: '5', RATE_LIMIT_PER_SECOND: '1' });
});
afterAll(async () => stack?.stop());

it('limits each principal to its token bucket with a clear RATE_LIMITED error', async () => {
  const query = '{ customers(first: 1) { edges { cursor } } }';
  const statuses: number[] = [];
  let last;
  for (let i = 0; i < 7; i += 1) {
    last = await asRole('ANALYST', stack.gatewayUrl, query);
    statuses.push(last.status);
  }
  expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
  expect(statuses.slice(5)).toEqual([429, 429]);
  expect(last!.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  expect(last!.body.errors?.[0]?.message).toMatch(/Too many requests; retry in \d+s/);
  // another principal has its own bucket
  expect((await asRole('ADMIN', stack.gatewayUrl, query)).status).toBe(200);
});

it('exposes Prometheus metrics on the gateway and every subgraph, by operation and by subgraph', async () => {
  await asRole('ADMIN', stack.gatewayUrl, 'query CustomerList { customers(first: 2) { edges { node { id behaviour { lifecycleStage } creditLine { jointLimit } } } } }');
  const gateway = await (await fetch(stack.gatewayUrl.replace(/graphql$/, 'metrics'))).text();
  expect(gateway).toMatch(/graphql_requests_total\{[^}]*operation="CustomerList"[^}]*\} \d+/);
  expect(gateway).toMatch(/graphql_request_duration_seconds_bucket\{[^}]*operation="CustomerList"/);
  expect(gateway).toMatch(/subgraph_request_duration_seconds_count\{[^}]*subgraph="limit-allocation"/);
  for (const url of Object.values(stack.subgraphUrls)) {
    const text = await (await fetch(url.replace(/graphql$/, 'metrics'))).text();
    expect(text).toMatch(/graphql_requests_total\{/);
    expect(text).toMatch(/process_cpu_seconds_total/);
  }
});
