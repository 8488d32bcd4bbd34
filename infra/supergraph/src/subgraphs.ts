import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..');
export const supergraphDir = join(repoRoot, 'infra', 'supergraph');
export const supergraphPath = join(supergraphDir, 'supergraph.graphql');
export const apiSchemaPath = join(supergraphDir, 'api-schema.graphql');
export const acceptedChangesPath = join(supergraphDir, 'accepted-breaking-changes.json');

export interface SubgraphSource {
  name: string;
  /** Default routing URL baked into the supergraph; the gateway overrides it from the environment. */
  url: string;
  schemaPath: string;
}

export const SUBGRAPHS: SubgraphSource[] = [
  { name: 'credit-scoring', url: 'http://127.0.0.1:4001/graphql', schemaPath: join(repoRoot, 'apps/credit-scoring/schema.graphql') },
  { name: 'behaviour-analytics', url: 'http://127.0.0.1:4002/graphql', schemaPath: join(repoRoot, 'apps/behaviour-analytics/schema.graphql') },
  { name: 'limit-allocation', url: 'http://127.0.0.1:4003/graphql', schemaPath: join(repoRoot, 'apps/limit-allocation/schema.graphql') },
];
