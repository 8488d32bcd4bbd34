import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { postGraphQL, startTestStack, tokenFor, type TestStack } from './support/stack';

let stack: TestStack;
let sign: (claims: Record<string, unknown>, subject: string) => Promise<string>;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const dir = mkdtempSync(join(tmpdir(), 'jc-keys-'));
  const keyFile = join(dir, 'jwt-public.pem');
  writeFileSync(keyFile, await exportSPKI(publicKey));
  sign = (claims, subject) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).setSubject(subject).setIssuer('joint-credit').setAudience('joint-credit-gateway').setExpirationTime('5m').sign(privateKey);
  stack = await startTestStack(3, { NODE_ENV: 'production', JWT_PUBLIC_KEY_FILE: keyFile });
});
afterAll(async () => stack?.stop());

it('verifies RS256 tokens from the configured public key', async () => {
  const { status, body } = await postGraphQL(stack.gatewayUrl, '{ customers(first: 1) { edges { node { id } } } }', undefined, {
    authorization: `Bearer ${await sign({ role: 'ANALYST' }, 'analyst-1')}`,
  });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
});

it('refuses development tokens', async () => {
  const { status } = await postGraphQL(stack.gatewayUrl, '{ __typename }', undefined, { authorization: `Bearer ${await tokenFor('ADMIN')}` });
  expect(status).toBe(401);
});

it('turns introspection and field suggestions off', async () => {
  const headers = { authorization: `Bearer ${await sign({ role: 'ADMIN' }, 'admin-1')}` };
  const introspection = await postGraphQL(stack.gatewayUrl, '{ __schema { types { name } } }', undefined, headers);
  expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
  expect(introspection.body.data).toBeUndefined();
  const typo = await postGraphQL(stack.gatewayUrl, '{ customerz(first: 1) { edges { cursor } } }', undefined, headers);
  expect(typo.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
});

it('does not serve /metrics on the public port without METRICS_TOKEN', async () => {
  const res = await fetch(new URL('/metrics', stack.gatewayUrl));
  expect(res.status).toBe(404);
  expect(await res.text()).not.toMatch(/graphql_requests_total/);
});
