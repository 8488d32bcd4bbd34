import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { AcceptedChange } from './breaking-changes';
import { checkSchema } from './check';
import { clientOperationProblems } from './check-operations';
import { readSubgraphSdl } from './compose';
import { staleGeneratedTypes } from './codegen-check';
import { acceptedChangesPath, apiSchemaPath, repoRoot, SUBGRAPHS, supergraphPath } from './subgraphs';

function git(...args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/**
 * SCHEMA_BASE, else the merge-base with main. On main itself that merge-base is HEAD, whose API
 * schema the staleness gate already forces equal to the composed one, so the comparison would
 * never fail: there the base is the previous commit.
 */
function baseRevision(): string | null {
  if (process.env.SCHEMA_BASE) return process.env.SCHEMA_BASE;
  const mergeBase = git('merge-base', 'HEAD', 'main');
  if (mergeBase && mergeBase !== git('rev-parse', 'HEAD')) return mergeBase;
  return git('rev-parse', '--verify', '--quiet', 'HEAD^');
}

const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : null);

async function main(): Promise<void> {
  const base = baseRevision();
  // A named base that git cannot find would otherwise read as "no schema yet" and skip the gate.
  if (base && git('rev-parse', '--verify', '--quiet', `${base}^{commit}`) === null) {
    console.error(`schema check: base revision ${base} not found`);
    process.exit(1);
  }
  const baseApiSchema = base ? git('show', `${base}:${relative(repoRoot, apiSchemaPath)}`) : null;
  const accepted: AcceptedChange[] = JSON.parse(read(acceptedChangesPath) ?? '[]');
  const result = await checkSchema({
    subgraphs: readSubgraphSdl(SUBGRAPHS),
    committedSupergraph: read(supergraphPath),
    committedApiSchema: read(apiSchemaPath),
    baseApiSchema: baseApiSchema ? `${baseApiSchema}\n` : null,
    accepted,
  });
  const problems = [...result.problems];
  for (const file of await staleGeneratedTypes()) problems.push(`generated resolver types are stale (${file}): run \`npm run codegen\``);
  problems.push(...clientOperationProblems());
  for (const problem of problems) console.error(`schema check: ${problem}`);
  const ok = problems.length === 0;
  console.log(ok ? `schema check passed (base ${base ?? 'none'})` : 'schema check FAILED');
  process.exit(ok ? 0 : 1);
}

void main();
