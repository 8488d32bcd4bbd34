import { Writable } from 'node:stream';
import pino from 'pino';
import { createLimitAllocationServer, openLimitTestDatabase } from '@jc/limit-allocation';
import { seedDemoLines } from '@jc/limit-allocation/src/db/seed-demo';
import { createLogger, TEST_INTERNAL_SECRET } from '@jc/subgraph-kit';
import { asRole, startTestStack, type TestStack } from './support/stack';

let stack: TestStack;
const logged: Record<string, any>[] = [];
beforeAll(async () => {
  const sink = new Writable({ write(chunk, _enc, done) { for (const l of String(chunk).split('\n')) if (l) logged.push(JSON.parse(l)); done(); } });
  stack = await startTestStack(5, { SUBGRAPH_TIMEOUT_MS: '1500' }, { logger: pino({ level: 'warn' }, sink) });
});
afterAll(async () => stack?.stop());

const QUERY = '{ customers(first: 3) { edges { node { id region creditLine { jointLimit } } } } }';

it('serves partial data naming the missing part when a subgraph dies, and recovers when it returns', async () => {
  const healthy = await asRole('ANALYST', stack.gatewayUrl, QUERY);
  expect(healthy.body.errors).toBeUndefined();

  const url = new URL(stack.subgraphUrls['limit-allocation']!);
  await stack.subgraphs['limit-allocation']!.stop();

  const partial = await asRole('ANALYST', stack.gatewayUrl, QUERY);
  expect(partial.status).toBe(200);
  for (const edge of partial.body.data.customers.edges) {
    expect(edge.node.region).toMatch(/^\d{2}$/);
    expect(edge.node.creditLine).toBeNull();
  }
  const error = partial.body.errors?.[0];
  expect(error.extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
  expect(error.extensions.serviceName).toBe('limit-allocation');
  expect(error.message).toMatch(/limit-allocation service did not answer at all; credit lines \(Customer.creditLine\) are missing/);
  expect(JSON.stringify(partial.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
  expect((await fetch(stack.gatewayUrl.replace(/graphql$/, 'ready'))).status).toBe(503);

  // The subgraph comes back on the same port: the gateway uses it again without a restart.
  const logger = createLogger('test', 'silent');
  const database = await openLimitTestDatabase();
  await seedDemoLines(database, 'test-stack', 5, logger);
  const revived = await createLimitAllocationServer({ database, internalSecret: TEST_INTERNAL_SECRET, logger });
  stack.subgraphs['limit-allocation'] = revived;
  await revived.listen(Number(url.port));
  const recovered = await asRole('ANALYST', stack.gatewayUrl, QUERY);
  expect(recovered.body.errors).toBeUndefined();
  expect(recovered.body.data.customers.edges.every((e: { node: { creditLine: unknown } }) => e.node.creditLine !== null)).toBe(true);
});

it('hides internals of a failing subgraph: no SQL, no stack, a request id to quote, under which the original is logged once', async () => {
  await stack.databases['credit-scoring']!.dataSource.query('ALTER TABLE customers RENAME TO customers_moved');
  try {
    logged.length = 0;
    const res = await asRole('ANALYST', stack.gatewayUrl, '{ customers(first: 2) { edges { node { id } } } }');
    const text = JSON.stringify(res.body);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(res.body.errors?.[0]?.message).toBe('Internal server error');
    const requestId = res.body.errors?.[0]?.extensions?.requestId;
    expect(requestId).toMatch(/^[\w-]{8,}$/);
    expect(text).not.toMatch(/relation|customers_moved|SELECT|QueryFailedError|\bat \w+ \(/);
    // the subgraph logs the database's error, the gateway the error it hid: each once, both under the client's request id
    const errors = logged.filter((l) => l.err);
    expect(errors.map((l) => [l.msg, l.requestId])).toEqual(expect.arrayContaining([['internal error', requestId], ['error hidden from client', requestId]]));
    expect(errors).toHaveLength(2);
    const original = errors.find((l) => l.msg === 'internal error')!;
    expect(original.err.message).toMatch(/customers/);
    expect(original.err.stack).toMatch(/\n\s+at /);
  } finally {
    await stack.databases['credit-scoring']!.dataSource.query('ALTER TABLE customers_moved RENAME TO customers');
  }
});
