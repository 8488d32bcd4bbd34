import { IDENTITY_HEADER, SIGNATURE_HEADER, signIdentity, verifyIdentity, type InternalIdentity } from '../src';

const secret = 'a-test-secret-that-is-long-enough-for-hmac';
const identity: InternalIdentity = { principal: { subject: 'u1', role: 'CUSTOMER', customerId: 'c_00000000000000a1' }, requestId: 'r1', issuedAt: 1_000_000 };
const headersOf = (h: Record<string, string>) => ({ identity: h[IDENTITY_HEADER], signature: h[SIGNATURE_HEADER] });

it('round-trips a signed identity', () => {
  expect(verifyIdentity(headersOf(signIdentity(identity, secret)), secret, 1_000_500)).toEqual(identity);
});

it('rejects a missing, forged, tampered or stale identity', () => {
  const signed = signIdentity(identity, secret);
  expect(() => verifyIdentity({}, secret, 1_000_000)).toThrow(/through the gateway/);
  expect(() => verifyIdentity(headersOf(signIdentity(identity, `${secret}-other`)), secret, 1_000_000)).toThrow(/signature/);
  const escalated = Buffer.from(JSON.stringify({ ...identity, principal: { subject: 'u1', role: 'ADMIN' } })).toString('base64url');
  expect(() => verifyIdentity({ identity: escalated, signature: signed[SIGNATURE_HEADER] }, secret, 1_000_000)).toThrow(/signature/);
  expect(() => verifyIdentity(headersOf(signed), secret, 1_000_000 + 61_000)).toThrow(/expired/);
});

it('refuses short secrets and malformed principals', () => {
  expect(() => signIdentity(identity, 'short')).toThrow(/at least 32/);
  const bad = { ...identity, principal: { subject: 'u1', role: 'CUSTOMER' } } as unknown as InternalIdentity;
  expect(() => verifyIdentity(headersOf(signIdentity(bad, secret)), secret, 1_000_000)).toThrow(/customerId/);
});
