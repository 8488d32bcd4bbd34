import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const consoleRoot = join(__dirname, '..', '..');
export const distDir = join(consoleRoot, 'dist');
const SOURCES = ['src', 'index.html', 'vite.config.mts'].map((p) => join(consoleRoot, p));

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** The built SPA is missing or older than any of its sources (server code included: cheap and safe). */
export function spaIsStale(): boolean {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => existsSync(source) && newestMtime(source) > built);
}

/** Builds dist/ with Vite's JS API; Vite prints its own progress (modules transformed, chunk sizes). */
export async function buildSpa(log: (line: string) => void = console.log): Promise<void> {
  const started = Date.now();
  log(`console: building the SPA into ${distDir} ...`);
  const { build } = await import('vite');
  // Vite bundles React's development build unless NODE_ENV is production while it builds (whatever
  // mode the server runs in); the server's own NODE_ENV is put back afterwards.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(consoleRoot, 'vite.config.mts'), root: consoleRoot, mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  log(`console: SPA built in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}
