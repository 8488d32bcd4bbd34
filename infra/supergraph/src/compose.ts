import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { lexicographicSortSchema, parse, printSchema } from 'graphql';
import { sharedSdl } from '@jc/graphql-shared';
import type { SubgraphSource } from './subgraphs';

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export type Composition = { ok: true; supergraphSdl: string; apiSchemaSdl: string } | { ok: false; errors: string[] };

export function readSubgraphSdl(sources: SubgraphSource[]): SubgraphSdl[] {
  return sources.map(({ name, url, schemaPath }) => ({ name, url, sdl: `${sharedSdl}\n${readFileSync(schemaPath, 'utf8')}` }));
}

/** Composes the subgraphs as Federation 2 and derives the client-facing API schema, sorted for stable diffs. */
export function compose(subgraphs: SubgraphSdl[]): Composition {
  let services;
  try {
    services = subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) }));
  } catch (err) {
    return { ok: false, errors: [`schema does not parse: ${(err as Error).message}`] };
  }
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  const api = lexicographicSortSchema(result.schema.toAPISchema().toGraphQLJSSchema());
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trim()}\n`, apiSchemaSdl: `${printSchema(api)}\n` };
}
