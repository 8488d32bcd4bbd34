import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where `npm start` keeps its databases. A relative JC_DATA_DIR means relative to where the user
 * typed the command: npm runs the script from infra/local (`npm start` is a workspace script), so
 * it is resolved against INIT_CWD, the directory npm was started in, not the process's own cwd.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv, repoRoot: string): string {
  const given = env.JC_DATA_DIR?.trim();
  if (!given) return join(repoRoot, '.data');
  if (isAbsolute(given)) return resolve(given);
  return resolve(env.INIT_CWD || process.cwd(), given);
}
