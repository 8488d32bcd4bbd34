import { randomBytes, randomUUID } from 'node:crypto';
import { signIdentity } from '@jc/auth';
import { signDevToken } from '../../apps/gateway/src/auth/jwt';
import { readAuthConfig } from '../../apps/gateway/src/config';

/** A fresh internal secret for one benchmark stack (the gateway and the subgraphs share it). */
export function newInternalSecret(): string {
  return randomBytes(32).toString('hex');
}

/** A development-key JWT for the gateway (HS256), valid for `ttlSeconds`. */
export function analystToken(ttlSeconds = 3600, role: 'ANALYST' | 'ADMIN' = 'ANALYST'): Promise<string> {
  return signDevToken(readAuthConfig({}), { role, subject: 'bench', ttlSeconds });
}

/**
 * The signed identity headers a subgraph expects from the gateway. A signature is accepted for 60 s,
 * so the headers are re-signed once they are older than `refreshMs` (default 20 s): cheap enough to
 * call before every request.
 */
export function identityHeaders(secret: string, refreshMs = 20_000): () => Record<string, string> {
  let headers: Record<string, string> = {};
  let signedAt = 0;
  return () => {
    const now = Date.now();
    if (now - signedAt > refreshMs) {
      headers = signIdentity({ principal: { subject: 'bench', role: 'ANALYST' }, requestId: `bench-${randomUUID()}`, issuedAt: now }, secret);
      signedAt = now;
    }
    return headers;
  };
}
