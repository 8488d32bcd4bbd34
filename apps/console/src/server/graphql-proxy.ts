import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http-util';

/** Request headers the gateway reads; everything else (cookies included) stays in the browser. */
const FORWARDED_REQUEST = ['authorization', 'content-type', 'traceparent', 'x-request-id', 'apollo-require-preflight'];
const FORWARDED_RESPONSE = ['content-type', 'x-request-id'];

/** POST /graphql → the gateway, so the browser talks to one origin and the gateway stays CORS-free. */
export async function proxyGraphql(gatewayUrl: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch {
    return sendJson(res, 413, { errors: [{ message: 'request body too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  }
  let upstream: Response;
  try {
    upstream = await fetch(gatewayUrl, { method: 'POST', headers, body: new Uint8Array(body) });
  } catch {
    return sendJson(res, 502, { errors: [{ message: 'the gateway is unreachable', extensions: { code: 'GATEWAY_UNAVAILABLE' } }] });
  }
  const out: Record<string, string> = {};
  for (const name of FORWARDED_RESPONSE) {
    const value = upstream.headers.get(name);
    if (value) out[name] = value;
  }
  res.writeHead(upstream.status, out);
  res.end(Buffer.from(await upstream.arrayBuffer()));
}
