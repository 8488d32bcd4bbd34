import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext as ApolloContext } from '@apollo/server';
import { IDENTITY_HEADER, SIGNATURE_HEADER, verifyIdentity, type InternalIdentity } from '@jc/auth';
import type { Logger } from './logger';

export const GRAPHQL_PATH = '/graphql';
/**
 * Above the gateway's bulk limit (5 MB by default; its configuration refuses more than this), so a
 * batch the gateway accepts is never refused here; only the gateway's signed requests get this far.
 */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface GraphqlHttpOptions<TContext extends ApolloContext> {
  apollo: ApolloServer<TContext>;
  internalSecret: string;
  logger: Logger;
  createContext: (identity: InternalIdentity, req: IncomingMessage, body: unknown) => Promise<TContext>;
}

class HttpProblem extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** True for the GraphQL endpoint, with or without a query string. */
export function isGraphqlRequest(url: string | undefined): boolean {
  if (!url?.startsWith(GRAPHQL_PATH)) return false;
  const rest = url.charCodeAt(GRAPHQL_PATH.length);
  return Number.isNaN(rest) || rest === 63 /* ? */;
}

function sendJson(res: ServerResponse, status: number, body: unknown, closeAfter = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    // the rest of an unread body is not worth reading: the connection goes instead
    ...(closeAfter ? { connection: 'close' } : {}),
  });
  res.end(text);
}

const problemBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.reject(new HttpProblem(413, 'BAD_REQUEST', 'Request body is too large'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else {
        req.off('data', onData);
        reject(new HttpProblem(413, 'BAD_REQUEST', 'Request body is too large'));
      }
    };
    req.on('data', onData);
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The JSON body of a JSON request; undefined otherwise, which Apollo answers itself (GET, wrong type). */
async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (req.method !== 'POST' || !/^application\/json\b/i.test(type)) return undefined;
  const encoding = req.headers['content-encoding'];
  if (encoding && encoding !== 'identity') throw new HttpProblem(415, 'BAD_REQUEST', `Content-Encoding ${encoding} is not accepted`);
  const raw = await readBody(req);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'BAD_REQUEST', 'Request body is not valid JSON');
  }
}

/**
 * The GraphQL endpoint on plain node:http: every request is one POST from the gateway, so a web
 * framework's routing, body-parser negotiation and ETag hashing are pure per-request cost. The
 * signed identity is checked before the body is even read.
 */
export function createGraphqlHandler<TContext extends ApolloContext>(options: GraphqlHttpOptions<TContext>) {
  const { apollo, internalSecret, logger } = options;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let identity: InternalIdentity;
    try {
      identity = verifyIdentity({ identity: req.headers[IDENTITY_HEADER] as string | undefined, signature: req.headers[SIGNATURE_HEADER] as string | undefined }, internalSecret);
    } catch (err) {
      logger.warn({ reason: (err as Error).message, ip: req.socket.remoteAddress }, 'refused a request that did not come through the gateway');
      req.resume();
      sendJson(res, 401, problemBody('UNAUTHENTICATED', 'Requests must come through the gateway'));
      return;
    }
    try {
      const body = await jsonBody(req);
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      const query = req.url!.indexOf('?');
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search: query < 0 ? '' : req.url!.slice(query), body },
        context: () => options.createContext(identity, req, body),
      });
      // never cached on the way: answers carry one principal's data
      if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.setHeader('content-length', Buffer.byteLength(response.body.string));
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (err) {
      if (err instanceof HttpProblem) {
        if (!res.headersSent) sendJson(res, err.status, problemBody(err.code, err.message), err.status === 413);
        return;
      }
      logger.error({ err }, 'graphql request failed outside execution');
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, problemBody('INTERNAL_SERVER_ERROR', 'Internal server error'));
    }
  };
}
