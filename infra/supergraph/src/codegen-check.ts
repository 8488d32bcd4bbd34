import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { SUBGRAPHS } from './subgraphs';

/**
 * Resolver types are generated from each schema.graphql and committed; this regenerates them in
 * memory and names every subgraph whose committed file no longer matches its schema.
 */
export async function staleGeneratedTypes(): Promise<string[]> {
  const stale: string[] = [];
  const cwd = process.cwd();
  for (const subgraph of SUBGRAPHS) {
    const appDir = dirname(subgraph.schemaPath);
    process.chdir(appDir);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const config = (require(join(appDir, 'codegen.ts')) as { default: CodegenConfig }).default;
      const outputs = (await generate({ ...config, silent: true, verbose: false }, false)) as { filename: string; content: string }[];
      for (const output of outputs) {
        const path = join(appDir, output.filename);
        let committed = '';
        try {
          committed = readFileSync(path, 'utf8');
        } catch {
          // missing counts as stale
        }
        if (committed !== output.content) stale.push(`${subgraph.name}: ${output.filename}`);
      }
    } finally {
      process.chdir(cwd);
    }
  }
  return stale;
}
