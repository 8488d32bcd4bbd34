import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * `npm run build` for an app: one CommonJS file, dist/main.js, with the workspace's own packages
 * compiled in and every npm dependency left to node_modules, so production runs plain `node`.
 * Usage (from an app folder): tsx ../../infra/local/bundle.ts
 */
const appDir = process.cwd();
const outDir = join(appDir, 'dist');
const root = resolve(__dirname, '..', '..');

const npmDependenciesExternal: Plugin = {
  name: 'npm-dependencies-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@jc/') ? undefined : { path: args.path, external: true }));
  },
};

async function main(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  await build({
    entryPoints: [join(appDir, 'src', 'main.ts')],
    outfile: join(outDir, 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    tsconfig: join(appDir, 'tsconfig.json'),
    plugins: [npmDependenciesExternal],
    logLevel: 'warning',
  });
  // Files read at run time beside the code that reads them.
  copyFileSync(join(root, 'packages/subgraph-kit/src/embedded-postgres.worker.mjs'), join(outDir, 'embedded-postgres.worker.mjs'));
  copyFileSync(join(root, 'packages/graphql-shared/src/shared.graphql'), join(outDir, 'shared.graphql'));
  console.log(`built ${join(outDir, 'main.js')} in ${Date.now() - started} ms`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
