import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import pino from 'pino';
import { createCreditScoringServer, openCreditScoringTestDatabase } from '@jc/credit-scoring';
import { TEST_INTERNAL_SECRET, type SubgraphServer } from '@jc/subgraph-kit';
import { createTokenVerifier } from '../src/auth/jwt';
import { readAuthConfig, readGatewayConfig } from '../src/config';
import { createGatewayServer, type GatewayServer } from '../src';
import { tokenFor } from './support/stack';

const run = promisify(execFile);
const gatewayDir = join(__dirname, '..');

describe('npm run token', () => {
  const tsx = join(gatewayDir, '..', '..', 'node_modules', '.bin', 'tsx');

  it('prints a development token, usable at the gateway, as its last line', async () => {
    const { stdout } = await run(tsx, ['src/cli/token.ts', '--role', 'CUSTOMER', '--customer', 'c_00000000000000a1', '--ttl', '30m'], { cwd: gatewayDir });
    const token = stdout.trim().split('\n').at(-1)!;
    const principal = await (await createTokenVerifier(readAuthConfig({})))(token);
    expect(principal).toEqual({ subject: 'customer:c_00000000000000a1', role: 'CUSTOMER', customerId: 'c_00000000000000a1' });
  });

  it('refuses to sign with the development key when the gateway is configured for production, or with bad arguments', async () => {
    const env = { ...process.env, NODE_ENV: 'production', JWKS_URL: 'http://127.0.0.1:9/jwks.json' };
    await expect(run(tsx, ['src/cli/token.ts', '--role', 'ADMIN'], { cwd: gatewayDir, env })).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/configured for production/) });
    await expect(run(tsx, ['src/cli/token.ts', '--role', 'ROOT'], { cwd: gatewayDir })).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/usage/) });
  });
});

describe('trace context across the gateway', () => {
  const lines: Record<string, unknown>[] = [];
  let subgraph: SubgraphServer;
  let gateway: GatewayServer;
  let url: string;

  beforeAll(async () => {
    const sink = new Writable({ write(chunk, _enc, done) { for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l)); done(); } });
    const logger = pino({ level: 'debug' }, sink);
    subgraph = await createCreditScoringServer({ database: await openCreditScoringTestDatabase(), internalSecret: TEST_INTERNAL_SECRET, logger });
    const subgraphUrl = await subgraph.listen(0);
    gateway = await createGatewayServer(
      { ...readGatewayConfig({ NODE_ENV: 'test', INTERNAL_AUTH_SECRET: TEST_INTERNAL_SECRET }), subgraphUrls: { 'credit-scoring': subgraphUrl } },
      pino({ level: 'silent' }),
    );
    url = await gateway.listen(0);
  });
  afterAll(async () => {
    await gateway?.stop();
    await subgraph?.stop();
  });

  it("continues the client's trace into the subgraph's logs, with the gateway's request id", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenFor('ANALYST')}`,
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        'x-request-id': 'client-request-0001',
      },
      body: JSON.stringify({ query: 'query Page { customers(first: 1) { edges { cursor } } }', operationName: 'Page' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('client-request-0001');
    const logged = lines.find((l) => l.msg === 'graphql request');
    expect(logged).toMatchObject({ traceId, requestId: 'client-request-0001', role: 'ANALYST' });
  });
});
