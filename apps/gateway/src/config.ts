import { join } from 'node:path';

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  /** Per-subgraph request timeout. */
  subgraphTimeoutMs: number;
  /** Keep-alive sockets per subgraph origin. */
  maxSocketsPerSubgraph: number;
  production: boolean;
}

const SUBGRAPH_URL_ENV: Record<string, string> = {
  'credit-scoring': 'CREDIT_SCORING_URL',
  'behaviour-analytics': 'BEHAVIOUR_ANALYTICS_URL',
  'limit-allocation': 'LIMIT_ALLOCATION_URL',
};

export const defaultSupergraphPath = join(__dirname, '..', '..', '..', 'infra', 'supergraph', 'supergraph.graphql');

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
}

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const subgraphUrls: Record<string, string> = {};
  for (const [name, variable] of Object.entries(SUBGRAPH_URL_ENV)) {
    const url = env[variable];
    if (url) subgraphUrls[name] = url;
  }
  return {
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '127.0.0.1',
    supergraphPath: env.SUPERGRAPH_PATH ?? defaultSupergraphPath,
    subgraphUrls,
    subgraphTimeoutMs: positiveInt(env, 'SUBGRAPH_TIMEOUT_MS', 5000),
    maxSocketsPerSubgraph: positiveInt(env, 'SUBGRAPH_MAX_SOCKETS', 64),
    production: env.NODE_ENV === 'production',
  };
}
