import { createHmac, timingSafeEqual } from 'node:crypto';
import { toPrincipal, type Principal } from './principal';

/**
 * The gateway tells a subgraph who is asking with two headers: the identity (principal, request id
 * and issue time, base64url JSON) and an HMAC-SHA256 of it under a secret only the gateway and the
 * subgraphs hold. A subgraph accepts nothing else: a client JWT sent straight to a subgraph port,
 * or no identity at all, is refused, as is a signed identity older than the replay window.
 */
export const IDENTITY_HEADER = 'x-jc-identity';
export const SIGNATURE_HEADER = 'x-jc-signature';
export const DEFAULT_MAX_AGE_MS = 60_000;
const MIN_SECRET_LENGTH = 32;

export interface InternalIdentity {
  principal: Principal;
  requestId: string;
  issuedAt: number;
}

export class IdentityError extends Error {
  override readonly name = 'IdentityError';
}

function checkSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new IdentityError(`the internal auth secret must have at least ${MIN_SECRET_LENGTH} characters`);
  }
}

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function signIdentity(identity: InternalIdentity, secret: string): Record<string, string> {
  checkSecret(secret);
  const payload = Buffer.from(JSON.stringify(identity), 'utf8').toString('base64url');
  return { [IDENTITY_HEADER]: payload, [SIGNATURE_HEADER]: mac(secret, payload).toString('base64url') };
}

export function verifyIdentity(
  headers: { identity?: string | null; signature?: string | null },
  secret: string,
  now = Date.now(),
  maxAgeMs = DEFAULT_MAX_AGE_MS,
): InternalIdentity {
  checkSecret(secret);
  const { identity, signature } = headers;
  if (!identity || !signature) throw new IdentityError('request did not come through the gateway');
  const expected = mac(secret, identity);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new IdentityError('identity signature is invalid');
  let parsed: Partial<InternalIdentity>;
  try {
    parsed = JSON.parse(Buffer.from(identity, 'base64url').toString('utf8'));
  } catch {
    throw new IdentityError('identity is not readable');
  }
  if (typeof parsed.issuedAt !== 'number' || Math.abs(now - parsed.issuedAt) > maxAgeMs) throw new IdentityError('identity has expired');
  if (typeof parsed.requestId !== 'string' || parsed.requestId.length > 100) throw new IdentityError('identity has no request id');
  return { principal: toPrincipal(parsed.principal), requestId: parsed.requestId, issuedAt: parsed.issuedAt };
}
