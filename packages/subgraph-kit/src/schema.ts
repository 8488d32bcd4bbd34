import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';
import { sharedSdl } from '@jc/graphql-shared';

/** The subgraph's own schema.graphql (its source of truth) with the shared value types in front. */
export function loadSubgraphTypeDefs(schemaPath: string): DocumentNode {
  return parse(`${sharedSdl}\n${readFileSync(schemaPath, 'utf8')}`);
}
