import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createTokenVerifier } from '../src/auth/jwt';
import { readAuthConfig } from '../src/config';

let server: http.Server;
let jwksUrl: string;
let privateKey: KeyLike;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey as KeyLike;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sign = (claims: Record<string, unknown>, key: KeyLike = privateKey, kid = 'k1') =>
  new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid }).setSubject('c-user').setIssuer('joint-credit').setAudience('joint-credit-gateway').setExpirationTime('5m').sign(key);

it('verifies ES256 tokens against a JWKS URL in production mode', async () => {
  const config = readAuthConfig({ NODE_ENV: 'production', JWKS_URL: jwksUrl });
  expect(config.mode).toBe('production');
  const verify = await createTokenVerifier(config);
  expect(await verify(await sign({ role: 'CUSTOMER', customer_id: 'c_00000000000000a1' }))).toEqual({
    subject: 'c-user',
    role: 'CUSTOMER',
    customerId: 'c_00000000000000a1',
  });
  const stranger = (await generateKeyPair('ES256')).privateKey as KeyLike;
  await expect(verify(await sign({ role: 'ADMIN' }, stranger))).rejects.toThrow(/invalid or expired/);
  await expect(verify(await sign({ role: 'ROOT' }))).rejects.toThrow(/claims are invalid/);
  await expect(verify(await sign({ role: 'CUSTOMER' }))).rejects.toThrow(/customerId/);
});

it('refuses a production configuration without a key source, or with an HS algorithm', () => {
  expect(() => readAuthConfig({ NODE_ENV: 'production' })).toThrow(/JWT_PUBLIC_KEY_FILE or JWKS_URL/);
  expect(() => readAuthConfig({ NODE_ENV: 'production', JWKS_URL: jwksUrl, JWT_ALGORITHMS: 'HS256' })).toThrow(/RS256 and ES256/);
});

it('reads the clock tolerance, 30 seconds unless set, and refuses one that is not 0 to 300 whole seconds', () => {
  expect(readAuthConfig({}).clockToleranceSeconds).toBe(30);
  expect(readAuthConfig({ JWT_CLOCK_TOLERANCE_SECONDS: '0' }).clockToleranceSeconds).toBe(0);
  for (const bad of ['-1', '301', '1.5', 'soon']) expect(() => readAuthConfig({ JWT_CLOCK_TOLERANCE_SECONDS: bad })).toThrow(/JWT_CLOCK_TOLERANCE_SECONDS/);
});
