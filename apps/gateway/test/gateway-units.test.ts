import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { Registry } from 'prom-client';
import { extractTraceContext, MAX_BODY_BYTES } from '@jc/subgraph-kit';
import { readGatewayConfig } from '../src/config';
import { metricsAccess } from '../src/metrics-access';
import { createGatewayErrorFormatter } from '../src/errors';
import { createSubgraphAgent, createSubgraphFetcher } from '../src/fetcher';
import { measure } from '../src/limits/query-complexity';
import { MemoryRateLimitStore, type RateLimitStore } from '../src/rate-limit/token-bucket';
import { RedisRateLimitStore } from '../src/rate-limit/redis-store';
import { traceparentFor } from '../src/tracing';

describe('query complexity', () => {
  const schema = buildSchema(`
    type Query { items(first: Int): Conn! paged(first: Int! = 20): Conn! recent(last: Int = 12): [Item!]! all: [Item!]! one: Item }
    type Conn { edges: [Edge!]! }
    type Edge { node: Item! }
    type Item { id: ID! tags: [String!]! child: Item }`);
  const of = (source: string, variables: Record<string, unknown> = { n: 50 }) => {
    const document = parse(source);
    return measure(schema, document, document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode, variables);
  };

  it('charges a page of items by its page size, once, and unpaged lists by the default size', () => {
    expect(of('{ items(first: 20) { edges { node { id } } } }').cost).toBe(1 + 20 * (1 + 1 * (1 + 1)));
    expect(of('query ($n: Int) { items(first: $n) { edges { node { id } } } }').cost).toBe(1 + 50 * 3);
    expect(of('{ all { id tags } }').cost).toBe(1 + 10 * 2);
  });

  it('counts depth through fragments and aliases anywhere', () => {
    expect(of('{ one { ...F } } fragment F on Item { child { child { id } } }').depth).toBe(3);
    expect(of('{ a: one { id } b: one { x: id } }').aliases).toBe(3);
  });

  it('counts variable and argument defaults as the page size execution will use', () => {
    const literal = of('{ items(first: 100) { edges { node { id } } } }').cost;
    expect(of('query ($m: Int = 100) { items(first: $m) { edges { node { id } } } }').cost).toBe(literal);
    expect(of('query ($m: Int = 5) { items(first: $m) { edges { node { id } } } }', { m: 100 }).cost).toBe(literal);
    expect(of('{ paged { edges { node { id } } } }').cost).toBe(of('{ paged(first: 20) { edges { node { id } } } }').cost);
    expect(of('{ recent { id } }').cost).toBe(1 + 12 * 1);
    expect(() => of('query ($m: Int!) { items(first: $m) { edges { node { id } } } }', {})).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });

  it('measures a fragment spread twice in each of 30 nested fragments quickly, as if written out', () => {
    const doubling = (n: number, leaf: string) =>
      `{ ...F0 } ${Array.from({ length: n }, (_, i) => (i < n - 1 ? `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }` : `fragment F${i} on Query { ${leaf} }`)).join(' ')}`;
    const leaf = 'a: one { child { id } } all { id }';
    const small = of(doubling(4, leaf));
    expect(small).toEqual(of(`{ ${Array.from({ length: 8 }, () => leaf).join(' ')} }`));
    const started = performance.now();
    const big = of(doubling(30, leaf));
    expect(performance.now() - started).toBeLessThan(200);
    expect(big).toEqual({ depth: small.depth, aliases: 2 ** 29, cost: 2 ** 29 * (of(`{ ${leaf} }`).cost) });
  });
});

describe('rate limiting token bucket', () => {
  async function exercise(store: RateLimitStore, key: string): Promise<void> {
    const t0 = 1_000_000;
    const taken = [];
    for (let i = 0; i < 4; i += 1) taken.push(await store.take(key, t0));
    expect(taken.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(taken[3]!.retryAfterMs).toBeGreaterThan(0);
    expect((await store.take(`${key}-other`, t0)).allowed).toBe(true);
    expect((await store.take(key, t0 + 1000)).allowed).toBe(true);
    expect((await store.take(key, t0 + 1000)).allowed).toBe(false);
  }

  it('in memory: a burst, then the refill rate, per principal', async () => {
    await exercise(new MemoryRateLimitStore({ burst: 3, perSecond: 1 }), 'p1');
  });

  const redisUrl = process.env.TEST_REDIS_URL;
  (redisUrl ? it : it.skip)('in Redis: the same behaviour, shared by every gateway process', async () => {
    const store = new RedisRateLimitStore(redisUrl!, { burst: 3, perSecond: 1 }, `jc:test:${process.pid}:${Date.now()}:`);
    try {
      await exercise(store, 'p1');
    } finally {
      await store.close();
    }
  });
});

describe('subgraph fetcher', () => {
  it('gives up on a subgraph that does not answer in time, naming it', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const agent = createSubgraphAgent(4);
    const fetcher = createSubgraphFetcher({ timeoutMs: 200, subgraph: 'limit-allocation', registry: new Registry(), agent });
    try {
      await expect(fetcher(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`, { method: 'POST', body: '{}' })).rejects.toMatchObject({
        message: expect.stringMatching(/limit-allocation service did not answer within 200 ms/),
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'limit-allocation' },
      });
    } finally {
      await agent.destroy();
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('trace context', () => {
  it('continues the caller trace with a new span, or starts one', () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const continued = traceparentFor({ traceparent: incoming });
    expect(continued.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(continued.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(continued.traceparent).not.toContain('00f067aa0ba902b7');
    expect(extractTraceContext({ traceparent: continued.traceparent })?.traceId).toBe(continued.traceId);
    expect(traceparentFor({}).traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});

describe('metrics access', () => {
  const env = { INTERNAL_AUTH_SECRET: 'x'.repeat(32) };
  it('is open in development, absent in production, and with METRICS_TOKEN only for its bearer', () => {
    expect(metricsAccess({ production: false }, undefined)).toBe('OPEN');
    expect(metricsAccess({ production: true }, 'Bearer anything-at-all-here')).toBe('HIDDEN');
    const config = { production: true, metricsToken: 'scrape-token-0123456789' };
    expect(metricsAccess(config, 'Bearer scrape-token-0123456789')).toBe('OPEN');
    expect(metricsAccess(config, 'bearer scrape-token-0123456789')).toBe('OPEN');
    for (const header of [undefined, '', 'Bearer scrape-token-012345678', 'Basic scrape-token-0123456789', 'scrape-token-0123456789']) {
      expect(metricsAccess(config, header)).toBe('UNAUTHORIZED');
    }
    expect(readGatewayConfig({ ...env, METRICS_TOKEN: 'scrape-token-0123456789' }).metricsToken).toBe('scrape-token-0123456789');
    expect(readGatewayConfig(env).metricsToken).toBeUndefined();
    for (const bad of ['short', 'has a space in it, long enough']) expect(() => readGatewayConfig({ ...env, METRICS_TOKEN: bad })).toThrow(/METRICS_TOKEN/);
  });
});

describe('gateway port', () => {
  const env = { INTERNAL_AUTH_SECRET: 'x'.repeat(32) };
  it('takes 4000 by default and 0 for any free port, and refuses an empty or malformed PORT instead of binding at random', () => {
    expect(readGatewayConfig(env).port).toBe(4000);
    expect(readGatewayConfig({ ...env, PORT: '0' }).port).toBe(0);
    expect(readGatewayConfig({ ...env, PORT: '8080' }).port).toBe(8080);
    for (const bad of ['', ' ', '80x', '-1', '65536', '1e3']) expect(() => readGatewayConfig({ ...env, PORT: bad })).toThrow(/PORT must be a TCP port/);
  });
});

describe('bulk body limit', () => {
  const env = { INTERNAL_AUTH_SECRET: 'x'.repeat(32) };
  it('defaults below what a subgraph accepts, and refuses a setting above it', () => {
    expect(readGatewayConfig(env).bulkBodyLimitBytes).toBeLessThan(MAX_BODY_BYTES);
    expect(readGatewayConfig({ ...env, BULK_REQUEST_BODY_LIMIT_BYTES: String(MAX_BODY_BYTES) }).bulkBodyLimitBytes).toBe(MAX_BODY_BYTES);
    expect(() => readGatewayConfig({ ...env, BULK_REQUEST_BODY_LIMIT_BYTES: String(MAX_BODY_BYTES + 1) })).toThrow(/at most/);
  });
});

describe('gateway error formatter', () => {
  const format = createGatewayErrorFormatter(false);

  it('keeps the per-input problems of a BAD_USER_INPUT error, and nothing else a subgraph added', () => {
    const invalid = [{ path: 'input.region', reason: 'unknown region' }];
    expect(format({ message: 'Invalid input: input.region: unknown region', path: ['onboardCustomer'], extensions: { code: 'BAD_USER_INPUT', invalid, serviceName: 'credit-scoring', stacktrace: ['x'] } })).toEqual({
      message: 'Invalid input: input.region: unknown region',
      path: ['onboardCustomer'],
      locations: undefined,
      extensions: { code: 'BAD_USER_INPUT', invalid },
    });
  });

  it('drops an invalid list that is not made of path and reason strings', () => {
    for (const invalid of ['SELECT 1', [{ path: 'a', reason: 'b', sql: 'SELECT 1' }], [{ path: 1, reason: 'b' }], { path: 'a', reason: 'b' }]) {
      expect(format({ message: 'Invalid input', extensions: { code: 'BAD_USER_INPUT', invalid } }).extensions).toEqual({ code: 'BAD_USER_INPUT' });
    }
  });

  it('still masks internal errors, whatever extensions they carry', () => {
    expect(format({ message: 'relation "x" does not exist', extensions: { code: 'INTERNAL_SERVER_ERROR', invalid: [{ path: 'a', reason: 'b' }] } })).toEqual({
      message: 'Internal server error',
      path: undefined,
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
