import { join } from 'node:path';
import { portFrom, MAX_BODY_BYTES as SUBGRAPH_MAX_BODY_BYTES } from '@jc/subgraph-kit';

export type AuthMode = 'development' | 'production';

export interface AuthConfig {
  mode: AuthMode;
  /** HS256 key, development only. */
  devSecret?: string;
  /** PEM (SPKI) public key file for RS256/ES256 tokens. */
  publicKeyFile?: string;
  jwksUrl?: string;
  algorithms: string[];
  issuer: string;
  audience: string;
  /** Seconds a token's exp/nbf/iat may be off the gateway's clock: the identity provider's clock may run ahead. */
  clockToleranceSeconds: number;
}

export interface RateLimitConfig {
  /** Bucket size: the burst a principal may send at once. */
  burst: number;
  /** Tokens added per second: the sustained request rate. */
  perSecond: number;
  redisUrl?: string;
}

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  /** Per-subgraph request timeout; SUBGRAPH_TIMEOUT_MS, or SUBGRAPH_TIMEOUT_MS_<NAME> for one. */
  subgraphTimeoutMs: Record<string, number> & { default: number };
  /** Keep-alive sockets per subgraph origin. */
  maxSocketsPerSubgraph: number;
  production: boolean;
  auth: AuthConfig;
  /** Shared with the subgraphs: signs the identity forwarded to them. */
  internalSecret: string;
  rateLimit: RateLimitConfig;
  queryLimits: QueryLimits;
  bodyLimitBytes: number;
  /** For SERVICE and ADMIN principals, whose batch mutations carry up to 10,000 items. */
  bulkBodyLimitBytes: number;
  /**
   * METRICS_TOKEN: when set, /metrics answers only `Authorization: Bearer <token>`. Without it
   * /metrics is open outside production and absent in production, where the gateway's port is public.
   */
  metricsToken?: string;
}

export const SUBGRAPH_NAMES = ['credit-scoring', 'behaviour-analytics', 'limit-allocation'] as const;

const envName = (subgraph: string) => subgraph.toUpperCase().replace(/-/g, '_');

/** Only for the embedded default and tests; a production gateway refuses to start with it. */
export const DEV_JWT_SECRET = 'joint-credit-development-only-hs256-signing-key';

export const defaultSupergraphPath = join(__dirname, '..', '..', '..', 'infra', 'supergraph', 'supergraph.graphql');

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, rule: string): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be ${rule}`);
  return value;
}

const positiveInt = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => wholeNumber(env, name, fallback, 1, Infinity, 'a positive whole number');

/** A bulk body the gateway accepts must also fit what a subgraph accepts, or it fails there as an internal error. */
function bulkBodyLimit(env: NodeJS.ProcessEnv): number {
  const limit = positiveInt(env, 'BULK_REQUEST_BODY_LIMIT_BYTES', 5_000_000);
  if (limit > SUBGRAPH_MAX_BODY_BYTES) throw new Error(`BULK_REQUEST_BODY_LIMIT_BYTES must be at most ${SUBGRAPH_MAX_BODY_BYTES}, what a subgraph accepts`);
  return limit;
}

export function readAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const production = env.NODE_ENV === 'production' || Boolean(env.JWT_PUBLIC_KEY_FILE || env.JWKS_URL);
  const tolerance = wholeNumber(env, 'JWT_CLOCK_TOLERANCE_SECONDS', 30, 0, 300, 'a whole number of seconds from 0 to 300');
  const common = { issuer: env.JWT_ISSUER ?? 'joint-credit', audience: env.JWT_AUDIENCE ?? 'joint-credit-gateway', clockToleranceSeconds: tolerance };
  if (!production) return { mode: 'development', devSecret: env.JWT_DEV_SECRET ?? DEV_JWT_SECRET, algorithms: ['HS256'], ...common };
  if (!env.JWT_PUBLIC_KEY_FILE && !env.JWKS_URL) throw new Error('production needs JWT_PUBLIC_KEY_FILE or JWKS_URL');
  const algorithms = (env.JWT_ALGORITHMS ?? 'RS256,ES256').split(',').map((a) => a.trim());
  if (algorithms.some((a) => !['RS256', 'ES256'].includes(a))) throw new Error('JWT_ALGORITHMS may list RS256 and ES256 only');
  return { mode: 'production', publicKeyFile: env.JWT_PUBLIC_KEY_FILE, jwksUrl: env.JWKS_URL, algorithms, ...common };
}

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const subgraphUrls: Record<string, string> = {};
  const defaultTimeout = positiveInt(env, 'SUBGRAPH_TIMEOUT_MS', 5000);
  const subgraphTimeoutMs: Record<string, number> & { default: number } = { default: defaultTimeout };
  for (const name of SUBGRAPH_NAMES) {
    const url = env[`${envName(name)}_URL`];
    if (url) subgraphUrls[name] = url;
    subgraphTimeoutMs[name] = positiveInt(env, `SUBGRAPH_TIMEOUT_MS_${envName(name)}`, defaultTimeout);
  }
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,}$/.test(metricsToken)) throw new Error('METRICS_TOKEN must be at least 16 printable characters without spaces');
  const internalSecret = env.INTERNAL_AUTH_SECRET ?? '';
  if (internalSecret.length < 32) throw new Error('INTERNAL_AUTH_SECRET must be set to at least 32 characters (shared with the subgraphs)');
  const production = env.NODE_ENV === 'production';
  return {
    port: portFrom(env, 'PORT', 4000),
    host: env.HOST ?? '127.0.0.1',
    supergraphPath: env.SUPERGRAPH_PATH ?? defaultSupergraphPath,
    subgraphUrls,
    subgraphTimeoutMs,
    maxSocketsPerSubgraph: positiveInt(env, 'SUBGRAPH_MAX_SOCKETS', 64),
    production,
    auth: readAuthConfig(env),
    internalSecret,
    rateLimit: {
      burst: positiveInt(env, 'RATE_LIMIT_BURST', 200),
      perSecond: positiveInt(env, 'RATE_LIMIT_PER_SECOND', 100),
      redisUrl: env.REDIS_URL || undefined,
    },
    queryLimits: {
      maxDepth: positiveInt(env, 'QUERY_MAX_DEPTH', 12),
      maxAliases: positiveInt(env, 'QUERY_MAX_ALIASES', 30),
      maxCost: positiveInt(env, 'QUERY_MAX_COST', 5000),
    },
    bodyLimitBytes: positiveInt(env, 'REQUEST_BODY_LIMIT_BYTES', 100_000),
    bulkBodyLimitBytes: bulkBodyLimit(env),
    ...(metricsToken ? { metricsToken } : {}),
  };
}
