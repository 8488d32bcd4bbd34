import { readFileSync } from 'node:fs';
import { createRemoteJWKSet, importSPKI, jwtVerify, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { principalProblems, type Principal } from '@jc/auth';
import type { AuthConfig } from '../config';

export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

/** Claims this platform reads: `sub`, `role`, and `customer_id` for a CUSTOMER. */
function principalFrom(payload: JWTPayload): Principal {
  const candidate = {
    subject: payload.sub,
    role: payload.role,
    ...(payload.customer_id !== undefined ? { customerId: payload.customer_id } : {}),
  };
  const problem = principalProblems(candidate);
  if (problem) throw new AuthenticationError(`token claims are invalid: ${problem}`);
  return candidate as Principal;
}

export type TokenVerifier = (token: string) => Promise<Principal>;

export async function createTokenVerifier(config: AuthConfig): Promise<TokenVerifier> {
  let key: Uint8Array | KeyLike | ReturnType<typeof createRemoteJWKSet>;
  if (config.mode === 'development') {
    key = new TextEncoder().encode(config.devSecret);
  } else if (config.jwksUrl) {
    key = createRemoteJWKSet(new URL(config.jwksUrl));
  } else {
    const pem = readFileSync(config.publicKeyFile!, 'utf8');
    key = await importSPKI(pem, config.algorithms[0]!);
  }
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key as never, {
        algorithms: config.algorithms,
        issuer: config.issuer,
        audience: config.audience,
        clockTolerance: config.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      });
      return principalFrom(payload);
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      throw new AuthenticationError('token is invalid or expired');
    }
  };
}

export interface DevTokenRequest {
  role: Principal['role'];
  customerId?: string;
  subject?: string;
  ttlSeconds?: number;
}

/** Signs a token with the development key; refuses when the gateway is configured for production. */
export async function signDevToken(config: AuthConfig, request: DevTokenRequest): Promise<string> {
  if (config.mode !== 'development' || !config.devSecret) {
    throw new AuthenticationError('the gateway is configured for production: development tokens are refused');
  }
  const subject = request.subject ?? (request.customerId ? `customer:${request.customerId}` : `dev-${request.role.toLowerCase()}`);
  const problem = principalProblems({ subject, role: request.role, ...(request.customerId ? { customerId: request.customerId } : {}) });
  if (problem) throw new AuthenticationError(problem);
  return new SignJWT({ role: request.role, ...(request.customerId ? { customer_id: request.customerId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds ?? 3600}s`)
    .sign(new TextEncoder().encode(config.devSecret));
}
