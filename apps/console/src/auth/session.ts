import type { Role } from '@jc/domain';

export interface Session {
  token: string;
  role: Role;
  subject: string;
  customerId?: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const ROLES: readonly Role[] = ['CUSTOMER', 'ANALYST', 'ADMIN', 'SERVICE'];

function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/**
 * Reads the claims to decide what to show; the gateway verifies the signature on every request,
 * so a forged token only changes what the page offers, never what the API answers.
 */
export function sessionFromToken(token: string, nowSeconds = Date.now() / 1000): Session | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  let claims: Record<string, unknown>;
  try {
    claims = decodeSegment(parts[1]!) as Record<string, unknown>;
  } catch {
    return null;
  }
  const role = claims.role as Role;
  if (!ROLES.includes(role) || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
  if (claims.exp <= nowSeconds) return null;
  if (role === 'CUSTOMER' && typeof claims.customer_id !== 'string') return null;
  return {
    token: token.trim(),
    role,
    subject: claims.sub,
    expiresAt: claims.exp,
    ...(typeof claims.customer_id === 'string' ? { customerId: claims.customer_id } : {}),
  };
}
