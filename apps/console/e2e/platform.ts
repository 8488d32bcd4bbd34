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
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 20_000))]);
      if (!killed) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }
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
