import { parse } from 'graphql';
import { signIdentity } from '@jc/auth';
import { sharedSdl } from '@jc/graphql-shared';
import { createSubgraphServer, isGraphqlRequest, MAX_BODY_BYTES, TEST_INTERNAL_SECRET, type BaseContext, type Database, type SubgraphServer } from '../src';

/** The GraphQL endpoint over real HTTP: who may call it, what it refuses, what it answers. */
let server: SubgraphServer;
let url: string;
const seen: { requestId: string; role: string }[] = [];

beforeAll(async () => {
  const database = { dataSource: null, embedded: true, isReady: async () => true, close: async () => {} } as unknown as Database;
  server = await createSubgraphServer<BaseContext>({
    name: 'http-test',
    typeDefs: parse(`${sharedSdl}
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
      type Query { whoami: String @access(roles: ["SERVICE"]) echo(text: String!): String @access(roles: ["SERVICE"]) }`),
    resolvers: {
      Query: {
        whoami: (_p: unknown, _a: unknown, ctx: BaseContext) => {
          seen.push({ requestId: ctx.requestId, role: ctx.principal!.role });
          return ctx.principal!.subject;
        },
        echo: (_p: unknown, { text }: { text: string }) => text,
      },
    } as never,
    database,
    internalSecret: TEST_INTERNAL_SECRET,
    createContext: (base) => base,
  });
  url = await server.listen(0);
});
afterAll(() => server?.stop());

const signed = (role = 'SERVICE', issuedAt = Date.now(), secret = TEST_INTERNAL_SECRET) =>
  signIdentity({ principal: { subject: `s-${role}`, role: role as never }, requestId: `r-${issuedAt}`, issuedAt }, secret);

async function post(body: string, headers: Record<string, string>, path = '') {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
}

it('answers a signed request with the principal it carries, never cacheable', async () => {
  const res = await post(JSON.stringify({ query: '{ whoami }' }), signed());
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ data: { whoami: 's-SERVICE' } });
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
  expect(seen.at(-1)).toEqual({ requestId: expect.stringMatching(/^r-\d+$/), role: 'SERVICE' });
  const withSearch = await post(JSON.stringify({ query: 'query ($t: String!) { echo(text: $t) }', variables: { t: 'hi' } }), signed(), '?x=1');
  expect(withSearch.body).toEqual({ data: { echo: 'hi' } });
});

it('refuses unsigned, stale, wrongly signed and tampered identities with 401 and runs nothing', async () => {
  const stale = signed('SERVICE', Date.now() - 120_000);
  const wrongKey = signed('SERVICE', Date.now(), `${TEST_INTERNAL_SECRET}-not`);
  const good = signed();
  const tampered = { ...good, 'x-jc-identity': signed('ADMIN')['x-jc-identity']! };
  for (const headers of [{}, { authorization: 'Bearer x' }, stale, wrongKey, tampered]) {
    const res = await post(JSON.stringify({ query: '{ whoami }' }), headers as Record<string, string>);
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.data).toBeUndefined();
  }
  const count = seen.length;
  expect((await post('not json at all', {})).status).toBe(401);
  expect(seen.length).toBe(count);
});

it('enforces @access on the signed role', async () => {
  const res = await post(JSON.stringify({ query: '{ whoami }' }), signed('ANALYST'));
  expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
});

it('answers malformed and oversized bodies with a coded 4xx', async () => {
  const broken = await post('{"query": ', signed());
  expect(broken.status).toBe(400);
  expect(broken.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  const huge = await post(JSON.stringify({ query: '{ whoami }', pad: 'x'.repeat(MAX_BODY_BYTES) }), signed());
  expect(huge.status).toBe(413);
  expect(huge.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  const wrongType = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain', ...signed() }, body: '{ whoami }' });
  expect(wrongType.status).toBe(400);
  const invalid = await post(JSON.stringify({ query: '{ nope }' }), signed());
  expect(invalid.status).toBe(400);
  expect(invalid.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

it('leaves the open routes to express', async () => {
  const health = await fetch(url.replace('/graphql', '/health'));
  expect(await health.json()).toEqual({ status: 'ok', service: 'http-test' });
  expect((await fetch(url.replace('/graphql', '/graphqlx'))).status).toBe(404);
  expect([isGraphqlRequest('/graphql'), isGraphqlRequest('/graphql?a=1'), isGraphqlRequest('/graphqlx'), isGraphqlRequest('/graph'), isGraphqlRequest(undefined)]).toEqual([
    true,
    true,
    false,
    false,
    false,
  ]);
});
