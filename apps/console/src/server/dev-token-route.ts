import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Role } from '@jc/domain';
import { readBody, sendJson } from './http-util';

/** Roles the sign-in page offers; SERVICE tokens are for services, from `npm run token`. */
const BROWSER_ROLES: Role[] = ['CUSTOMER', 'ANALYST', 'ADMIN'];

export type DevTokenSigner = (request: { role: Role; customerId?: string }) => Promise<string>;

/** The gateway's development signer; loaded only outside production. */
export async function gatewayDevTokenSigner(): Promise<DevTokenSigner> {
  const { readAuthConfig, signDevToken } = await import('@jc/gateway');
  const config = readAuthConfig();
  return (request) => signDevToken(config, request);
}

/** GET tells the sign-in page development tokens exist; POST {role, customerId?} mints one. */
export async function devTokenRoute(sign: DevTokenSigner, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET') return sendJson(res, 200, { roles: BROWSER_ROLES });
  let request: { role?: unknown; customerId?: unknown };
  try {
    request = JSON.parse((await readBody(req, 10_000)).toString('utf8')) as typeof request;
  } catch {
    return sendJson(res, 400, { error: 'the body must be JSON {role, customerId?}' });
  }
  const role = request.role as Role;
  if (!BROWSER_ROLES.includes(role)) return sendJson(res, 400, { error: `role must be one of ${BROWSER_ROLES.join(', ')}` });
  if (request.customerId !== undefined && typeof request.customerId !== 'string') {
    return sendJson(res, 400, { error: 'customerId must be a string' });
  }
  if (role === 'CUSTOMER' && !request.customerId) return sendJson(res, 400, { error: 'a CUSTOMER token needs a customerId' });
  try {
    const token = await sign(role === 'CUSTOMER' ? { role, customerId: request.customerId as string } : { role });
    sendJson(res, 200, { token });
  } catch (err) {
    sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) });
  }
}
