/** @jest-environment node */
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleServer } from '../../src/server/console-server';
import type { DevTokenSigner } from '../../src/server/dev-token-route';

const listen = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('console server', () => {
  let dist: string;
  let gateway: Server;
  let gatewayUrl: string;
  let seen: { headers: IncomingHttpHeaders; body: string }[];
  const servers: Server[] = [];
  const signer: DevTokenSigner = async ({ role, customerId }) => {
    if (customerId === 'bad') throw new Error('customerId is not a customer id');
    return `token-for-${role}${customerId ? `-${customerId}` : ''}`;
  };

  async function start(devTokens: DevTokenSigner | null): Promise<string> {
    const server = createConsoleServer({ distDir: dist, gatewayUrl, devTokens });
    servers.push(server);
    return listen(server);
  }

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    seen = [];
    gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req-1', 'set-cookie': 'x=1' });
        res.end('{"data":{"__typename":"Query"}}');
      });
    });
    gatewayUrl = `${await listen(gateway)}/graphql`;
  });

  afterAll(async () => {
    for (const server of [...servers, gateway]) await close(server);
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves assets with long caching, and index.html for client routes and unknown paths', async () => {
    const base = await start(null);
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const path of ['/', '/customers/c_00000000000000aa', '/assets/missing.js', '/bad%E0%A4%A']) {
      const page = await fetch(`${base}${path}`);
      expect(await page.text()).toBe('<div id="root"></div>');
      expect(page.headers.get('cache-control')).toBe('no-cache');
    }
    writeFileSync(join(dist, '..', 'outside-dist.txt'), 'secret');
    const escaped = await new Promise<string>((resolve) =>
      get(`${base}/assets%2F..%2F..%2Foutside-dist.txt`, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      }),
    );
    expect(escaped).toBe('<div id="root"></div>');
    rmSync(join(dist, '..', 'outside-dist.txt'));
  });

  it('forwards POST /graphql with the bearer token and trace headers only, and answers with the gateway’s reply', async () => {
    const base = await start(null);
    const reply = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer abc', traceparent: '00-1-2-01', cookie: 'secret=1' },
      body: '{"query":"{__typename}"}',
    });
    expect(await reply.json()).toEqual({ data: { __typename: 'Query' } });
    expect(reply.headers.get('x-request-id')).toBe('req-1');
    expect(reply.headers.get('set-cookie')).toBeNull();
    const last = seen[seen.length - 1]!;
    expect(last.body).toBe('{"query":"{__typename}"}');
    expect(last.headers).toMatchObject({ authorization: 'Bearer abc', traceparent: '00-1-2-01', 'content-type': 'application/json' });
    expect(last.headers.cookie).toBeUndefined();
    expect((await fetch(`${base}/graphql`)).status).toBe(405);
  });

  it('answers 502 with a code when the gateway is down', async () => {
    const server = createConsoleServer({ distDir: dist, gatewayUrl: 'http://127.0.0.1:1/graphql', devTokens: null });
    servers.push(server);
    const reply = await fetch(`${await listen(server)}/graphql`, { method: 'POST', body: '{}' });
    expect(reply.status).toBe(502);
    expect(await reply.json()).toEqual({ errors: [{ message: 'the gateway is unreachable', extensions: { code: 'GATEWAY_UNAVAILABLE' } }] });
  });

  it('mints development tokens for the browser roles and refuses anything else', async () => {
    const base = await start(signer);
    const post = (body: string) => fetch(`${base}/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await fetch(`${base}/dev-token`)).status).toBe(200);
    expect(await (await post('{"role":"ANALYST"}')).json()).toEqual({ token: 'token-for-ANALYST' });
    expect(await (await post('{"role":"CUSTOMER","customerId":"c_1"}')).json()).toEqual({ token: 'token-for-CUSTOMER-c_1' });
    for (const [body, error] of [
      ['{"role":"SERVICE"}', 'role must be one of CUSTOMER, ANALYST, ADMIN'],
      ['{"role":"CUSTOMER"}', 'a CUSTOMER token needs a customerId'],
      ['{"role":"CUSTOMER","customerId":"bad"}', 'customerId is not a customer id'],
      ['not json', 'the body must be JSON {role, customerId?}'],
    ]) {
      const reply = await post(body!);
      expect(reply.status).toBe(400);
      expect(await reply.json()).toEqual({ error });
    }
  });

  it('has no /dev-token in production', async () => {
    const base = await start(null);
    expect((await fetch(`${base}/dev-token`)).status).toBe(404);
    expect((await fetch(`${base}/dev-token`, { method: 'POST', body: '{"role":"ADMIN"}' })).status).toBe(404);
  });
});
