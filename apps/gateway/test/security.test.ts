import { SignJWT } from 'jose';
import { getIntrospectionQuery } from 'graphql';
import { IDENTITY_HEADER, SIGNATURE_HEADER, signIdentity } from '@jc/auth';
import { MAX_OPERATION_LABELS, TEST_INTERNAL_SECRET } from '@jc/subgraph-kit';
import { asRole, postGraphQL, startTestStack, tokenFor, type TestStack } from './support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(10, { REQUEST_BODY_LIMIT_BYTES: '20000', BULK_REQUEST_BODY_LIMIT_BYTES: '60000', QUERY_MAX_DEPTH: '4', QUERY_MAX_ALIASES: '5', QUERY_MAX_COST: '600' });
});
afterAll(async () => stack?.stop());

const base = () => stack.gatewayUrl.replace(/\/graphql$/, '');

describe('identity at the gateway', () => {
  it('refuses requests without a valid bearer token', async () => {
    const query = '{ customers(first: 1) { edges { cursor } } }';
    const forged = await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('joint-credit')
      .setAudience('joint-credit-gateway').setExpirationTime('1h').sign(new TextEncoder().encode('another-key-that-is-not-the-gateways'));
    const expired = await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('joint-credit')
      .setAudience('joint-credit-gateway').setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(new TextEncoder().encode('joint-credit-development-only-hs256-signing-key'));
    for (const headers of [{}, { authorization: 'Bearer nonsense' }, { authorization: `Bearer ${forged}` }, { authorization: `Bearer ${expired}` }] as Record<string, string>[]) {
      const { status, body } = await postGraphQL(stack.gatewayUrl, query, undefined, headers);
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.data).toBeUndefined();
    }
  });

  it('takes the scheme name in any case and allows the issuer\'s clock to run a little ahead, not far', async () => {
    const query = '{ customers(first: 1) { edges { cursor } } }';
    const key = new TextEncoder().encode('joint-credit-development-only-hs256-signing-key');
    const notBefore = (seconds: number) =>
      new SignJWT({ role: 'ANALYST' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('joint-credit').setAudience('joint-credit-gateway')
        .setNotBefore(Math.floor(Date.now() / 1000) + seconds).setIssuedAt(Math.floor(Date.now() / 1000) + seconds).setExpirationTime('1h').sign(key);
    const soon = await postGraphQL(stack.gatewayUrl, query, undefined, { authorization: `bearer ${await notBefore(5)}` });
    expect(soon.status).toBe(200);
    expect(soon.body.errors).toBeUndefined();
    const later = await postGraphQL(stack.gatewayUrl, query, undefined, { authorization: `Bearer ${await notBefore(120)}` });
    expect(later.status).toBe(401);
    expect(later.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('leaves health and readiness open', async () => {
    expect((await fetch(`${base()}/health`)).status).toBe(200);
    expect((await fetch(`${base()}/ready`)).status).toBe(200);
  });

  it('answers a burst of readiness probes from one round of subgraph checks', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const spy = jest.spyOn(globalThis, 'fetch');
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base()}/ready`)));
      expect(answers.every((r) => r.status === 200)).toBe(true);
      const subgraphChecks = spy.mock.calls.filter(([url]) => String(url).endsWith('/ready') && !String(url).startsWith(base()));
      expect(subgraphChecks).toHaveLength(Object.keys(stack.subgraphUrls).length);
    } finally {
      spy.mockRestore();
    }
  });

  it('returns a request id on every response and in every error', async () => {
    const res = await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('ANALYST')}` }, body: JSON.stringify({ query: '{ customers(first: 0) { edges { cursor } } }' }) });
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[\w-]{8,}$/);
    const body = (await res.json()) as { errors: { extensions: { requestId: string } }[] };
    expect(body.errors[0]?.extensions.requestId).toBe(requestId);
  });
});

describe('subgraphs trust only the gateway', () => {
  const operations = [
    '{ _service { sdl } }',
    `{ _entities(representations: [{ __typename: "Customer", id: "c_0000000000000001" }]) { __typename } }`,
  ];

  it.each(['credit-scoring', 'behaviour-analytics', 'limit-allocation'])('%s refuses direct calls without the signed identity', async (name) => {
    const url = stack.subgraphUrls[name]!;
    const clientJwt = await tokenFor('ADMIN');
    const stale = signIdentity({ principal: { subject: 'x', role: 'ADMIN' }, requestId: 'r-stale', issuedAt: Date.now() - 120_000 }, TEST_INTERNAL_SECRET);
    const wrongKey = signIdentity({ principal: { subject: 'x', role: 'ADMIN' }, requestId: 'r-wrong', issuedAt: Date.now() }, `${TEST_INTERNAL_SECRET}-not`);
    for (const query of operations) {
      for (const headers of [{}, { authorization: `Bearer ${clientJwt}` }, stale, wrongKey]) {
        const { status, body } = await postGraphQL(url, query, undefined, headers as Record<string, string>);
        expect(status).toBe(401);
        expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(body.data).toBeUndefined();
      }
    }
    const signed = signIdentity({ principal: { subject: 'x', role: 'SERVICE' }, requestId: 'r-ok', issuedAt: Date.now() }, TEST_INTERNAL_SECRET);
    const ok = await postGraphQL(url, operations[0]!, undefined, { [IDENTITY_HEADER]: signed[IDENTITY_HEADER]!, [SIGNATURE_HEADER]: signed[SIGNATURE_HEADER]! });
    expect(ok.status).toBe(200);
  });
});

describe('request hygiene and limits', () => {
  it('refuses queries that are too deep, too aliased or too costly, naming the limit', async () => {
    const cases: [string, RegExp][] = [
      // depth 5 through fragments (limit 4): fragments are expanded before measuring
      ['{ customers(first: 1) { edges { node { ...Line } } } } fragment Line on Customer { creditLine { cashLoan { limit } } }', /depth 5 exceeds the limit of 4/],
      [`{ ${Array.from({ length: 6 }, (_, i) => `a${i}: customers(first: 1) { pageInfo { hasNextPage } }`).join(' ')} }`, /6 aliases; the limit is 5/],
      // 100 customers x 8 fields is far over a cost budget of 600
      ['{ customers(first: 100) { edges { node { id region birthYear education onboardedAt regionName creditLine { jointLimit } } } } }', /cost \d+ exceeds the limit of 600/],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await asRole('ANALYST', stack.gatewayUrl, query);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(body.errors?.[0]?.message).toMatch(message);
    }
    const withinLimits = await asRole('ANALYST', stack.gatewayUrl, '{ customers(first: 5) { edges { node { id creditLine { jointLimit } } } } }');
    expect(withinLimits.body.errors).toBeUndefined();
  });

  it('answers the standard introspection query outside production, but not introspection nested to multiply its work', async () => {
    const full = await asRole('ANALYST', stack.gatewayUrl, getIntrospectionQuery());
    expect(full.status).toBe(200);
    expect(full.body.errors).toBeUndefined();
    expect((full.body.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(20);
    const nested = await asRole('ANALYST', stack.gatewayUrl, '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }');
    expect(nested.status).toBe(400);
    expect(nested.body.errors?.[0]?.message).toBe('Maximum introspection depth exceeded');
    // data beside introspection is held to the data limits as before
    const mixed = await asRole('ANALYST', stack.gatewayUrl, '{ __schema { queryType { name } } customers(first: 1) { edges { node { creditLine { cashLoan { limit } } } } } }');
    expect(mixed.body.errors?.[0]?.message).toMatch(/depth 5 exceeds the limit of 4/);
  });

  it('measures fragments spread twice in each of 30 nested fragments at once, as if written out, and refuses them', async () => {
    const fragments = Array.from({ length: 30 }, (_, i) => (i < 29 ? `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }` : `fragment F${i} on Query { __typename }`));
    const started = performance.now();
    const { status, body } = await asRole('ANALYST', stack.gatewayUrl, `{ ...F0 } ${fragments.join(' ')}`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    // F29's one field, spread 2^29 times
    expect(body.errors?.[0]?.message).toBe(`Query cost ${2 ** 29} exceeds the limit of 600`);
  });

  it('charges a page size given by a variable default as if it were written out', async () => {
    const fields = '{ edges { node { id region birthYear education onboardedAt regionName creditLine { jointLimit } } } }';
    const literal = await asRole('ANALYST', stack.gatewayUrl, `{ customers(first: 100) ${fields} }`);
    const defaulted = await asRole('ANALYST', stack.gatewayUrl, `query ($n: Int = 100) { customers(first: $n) ${fields} }`);
    expect(defaulted.status).toBe(400);
    expect(defaulted.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(defaulted.body.errors?.[0]?.message).toBe(literal.body.errors?.[0]?.message);
    const missing = await asRole('ANALYST', stack.gatewayUrl, `query ($n: Int!) { customers(first: $n) ${fields} }`);
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses oversized bodies and batched requests', async () => {
    const padded = `{ customers(first: 1) { edges { cursor } } } # ${'x'.repeat(30_000)}`;
    expect((await asRole('ANALYST', stack.gatewayUrl, padded)).status).toBe(413);
    // internal flows may send bulk batches, up to their own larger limit
    expect((await asRole('SERVICE', stack.gatewayUrl, padded)).status).toBe(200);
    expect((await asRole('SERVICE', stack.gatewayUrl, `${padded}${'x'.repeat(60_000)}`)).status).toBe(413);
    const batch = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('ANALYST')}` },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(batch.status).toBe(400);
  });

  it('leaves /metrics open in development, with series for at most MAX_OPERATION_LABELS client-chosen operation names', async () => {
    const token = await tokenFor('ANALYST');
    for (let i = 0; i < MAX_OPERATION_LABELS + 20; i += 1) {
      await postGraphQL(stack.gatewayUrl, `query Probe${i} { __typename }`, undefined, { authorization: `Bearer ${token}` });
    }
    const res = await fetch(`${base()}/metrics`);
    expect(res.status).toBe(200);
    const names = new Set([...(await res.text()).matchAll(/^graphql_requests_total\{[^}]*operation="([^"]*)"/gm)].map((m) => m[1]));
    expect(names.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 1);
    expect(names).toContain('other');
    expect(names).toContain('Probe0');
  });

  it('refuses a document whose operation cannot be chosen as a client error, not an internal one', async () => {
    const token = await tokenFor('ANALYST');
    const post = async (body: Record<string, unknown>) => {
      const res = await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string; requestId?: string } }[] } };
    };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ query: 'query A { __typename } query B { __typename }' }, /operation name/i],
      [{ query: 'query A { __typename }', operationName: 'Missing' }, /Unknown operation named "Missing"/],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.[0]?.extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
      expect(res.body.errors?.[0]?.message).toMatch(message);
      expect(res.body.errors?.[0]?.extensions.requestId).toBeTruthy();
    }
    // the one it names still runs
    expect((await post({ query: 'query A { __typename } query B { __typename }', operationName: 'B' })).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('passes on which inputs a subgraph refused and why, so a client can fix them in one round trip', async () => {
    const { body } = await asRole('ANALYST', stack.gatewayUrl, '{ peakPeriods(from: "2019-01-01", to: "2019-02-01") { code } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.extensions?.invalid).toEqual([
      { path: 'from', reason: expect.any(String) },
      { path: 'to', reason: expect.any(String) },
    ]);
  });

  it('prevents CSRF: a simple GET request without a preflight header is refused', async () => {
    const res = await fetch(`${stack.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { authorization: `Bearer ${await tokenFor('ANALYST')}` } });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF|preflight/i);
  });
});
