import { Writable } from 'node:stream';
import pino from 'pino';
import { parse } from 'graphql';
import { signIdentity } from '@jc/auth';
import { sharedSdl } from '@jc/graphql-shared';
import { badInput, createSubgraphServer, TEST_INTERNAL_SECRET, type BaseContext, type Database, type SubgraphServer } from '../src';

/** A subgraph's masked errors: the caller gets a code, the log gets the original under the caller's request id. */
let server: SubgraphServer;
let url: string;
let contextFails = false;
const lines: Record<string, any>[] = [];

beforeAll(async () => {
  const sink = new Writable({ write(chunk, _enc, done) { for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l)); done(); } });
  const database = { dataSource: null, embedded: true, isReady: async () => true, close: async () => {} } as unknown as Database;
  server = await createSubgraphServer<BaseContext>({
    name: 'error-logging-test',
    typeDefs: parse(`${sharedSdl}
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
      type Query { broken: String @access(roles: ["SERVICE"]) refused: String @access(roles: ["SERVICE"]) }`),
    resolvers: {
      Query: {
        broken: () => { throw new Error('relation "customers_moved" does not exist'); },
        refused: () => { throw badInput('first must be between 1 and 100'); },
      },
    } as never,
    database,
    internalSecret: TEST_INTERNAL_SECRET,
    logger: pino({ level: 'info' }, sink),
    exposeInternals: false,
    createContext: (base) => {
      if (contextFails) throw new Error('pool exhausted at 10.0.0.7');
      return base;
    },
  });
  url = await server.listen(0);
});
afterAll(() => server?.stop());
beforeEach(() => {
  lines.length = 0;
  contextFails = false;
});

async function post(query: string, requestId: string) {
  const identity = signIdentity({ principal: { subject: 's', role: 'SERVICE' }, requestId, issuedAt: Date.now() }, TEST_INTERNAL_SECRET);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...identity }, body: JSON.stringify({ query }) });
  return (await res.json()) as { errors?: { message: string; extensions: { code: string } }[] };
}

it('logs the original of a masked error once, with its stack and the request id the gateway sent, and answers without it', async () => {
  const body = await post('{ broken refused }', 'gateway-request-0001');
  expect(body.errors?.map((e) => [e.extensions.code, e.message])).toEqual([
    ['INTERNAL_SERVER_ERROR', 'Internal server error'],
    ['BAD_USER_INPUT', 'first must be between 1 and 100'],
  ]);
  expect(JSON.stringify(body)).not.toMatch(/customers_moved|stacktrace|\bat /);
  const logged = lines.filter((l) => l.err);
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatchObject({
    level: 50,
    msg: 'internal error',
    requestId: 'gateway-request-0001',
    path: ['broken'],
    err: { message: 'relation "customers_moved" does not exist', stack: expect.stringContaining('error-logging.test.ts') },
  });
});

it('logs a request context that could not be created, with the request id', async () => {
  contextFails = true;
  const body = await post('{ refused }', 'gateway-request-0002');
  expect(body.errors?.[0]?.extensions.code).toBe('INTERNAL_SERVER_ERROR');
  expect(JSON.stringify(body)).not.toMatch(/10\.0\.0\.7|pool exhausted/);
  const logged = lines.filter((l) => l.err);
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatchObject({ requestId: 'gateway-request-0002', err: { message: 'pool exhausted at 10.0.0.7', stack: expect.any(String) } });
});
