import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..');

export interface Platform {
  consoleUrl: string;
  stop: () => Promise<void>;
}

/**
 * `npm start` from the repo root in its own process group on a fresh data folder, resolved once it
 * prints the console's URL. The first start seeds the demo population, hence the long wait.
 */
export function startPlatform(timeoutMs = 6 * 60_000): Promise<Platform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jc-console-e2e-'));
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, JC_DATA_DIR: dataDir },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals | 0): boolean => {
    try {
      process.kill(-child.pid!, signal);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  // npm exits at the signal while the services under it are still closing their databases; the
  // data folder is removed only once the whole process group has gone.
  const groupGone = async (withinMs: number): Promise<boolean> => {
    const deadline = Date.now() + withinMs;
    while (signalGroup(0)) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return true;
  };
  const stop = async () => {
    if (signalGroup('SIGTERM') && !(await groupGone(20_000))) {
      signalGroup('SIGKILL');
      await groupGone(5_000);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() => reject(err));
    };
    const timer = setTimeout(() => fail(new Error(`the platform printed no console URL within ${timeoutMs / 1000}s`)), timeoutMs);
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) console.log(`  [platform] ${line.trim()}`);
        const match = /console(?: ready on|:) (http:\/\/\S+)/.exec(line);
        if (match && !settled) {
          settled = true;
          clearTimeout(timer);
          resolve({ consoleUrl: match[1]!.replace(/\/?$/, '/'), stop });
        }
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    void exited.then(() => fail(new Error(`npm start exited (${child.signalCode ?? `code ${child.exitCode}`}) before the console was ready`)));
  });
}
