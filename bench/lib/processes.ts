import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Child processes and temp dirs a benchmark owns. Every process is started in a process group of
 * its own, so stopping it also stops whatever it forked (cluster workers), and everything is
 * cleaned up on a normal end, on an error, on Ctrl-C and on SIGTERM.
 */

export const REPO_ROOT = join(__dirname, '..', '..');

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** The last lines the process wrote, for a failure message. */
  recentOutput(): string;
  /** Everything it wrote (up to the first 2,000 lines). */
  output(): string;
  /** Resolves once `count` (default 1) lines matching `pattern` have appeared in its output. */
  waitForOutput(pattern: RegExp, timeoutMs: number, count?: number): Promise<void>;
  exited(): boolean;
  stop(): Promise<void>;
}

const live = new Set<ManagedProcess>();
const tempDirs = new Set<string>();
let hooksInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function cleanupSync(): void {
  for (const p of live) killGroup(p.child, 'SIGKILL');
  live.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', cleanupSync);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping benchmark processes\n`);
      void stopAll().finally(() => process.exit(130));
    });
  }
}

export function makeTempDir(prefix: string): string {
  installHooks();
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Echo this many of the process's output lines (then only count them); default 30. */
  echoLines?: number;
}

export function startProcess(options: StartOptions): ManagedProcess {
  installHooks();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd ?? REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env } as NodeJS.ProcessEnv,
  });
  const recent: string[] = [];
  const history: string[] = [];
  const waiters: { pattern: RegExp; count: number; resolve: () => void }[] = [];
  const matching = (pattern: RegExp) => history.filter((line) => pattern.test(line)).length;
  const echoLimit = options.echoLines ?? 30;
  let echoed = 0;
  let suppressed = 0;
  const onLine = (line: string) => {
    if (!line) return;
    recent.push(line);
    if (recent.length > 40) recent.shift();
    if (history.length < 2000) history.push(line);
    if (echoed < echoLimit) {
      echoed++;
      process.stdout.write(`  [${options.name}] ${line.length > 300 ? `${line.slice(0, 300)}...` : line}\n`);
    } else {
      suppressed++;
    }
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(line) && matching(waiter.pattern) >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(onLine);
    });
  }
  let exitedFlag = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exitedFlag = true;
      live.delete(managed);
      if (suppressed > 0) process.stdout.write(`  [${options.name}] (${suppressed} more output lines not shown)\n`);
      resolve();
    });
    child.once('error', (err) => {
      recent.push(`spawn error: ${err.message}`);
      exitedFlag = true;
      live.delete(managed);
      resolve();
    });
  });
  const managed: ManagedProcess = {
    name: options.name,
    child,
    recentOutput: () => recent.join('\n'),
    output: () => history.join('\n'),
    exited: () => exitedFlag,
    waitForOutput(pattern, timeoutMs, count = 1) {
      if (matching(pattern) >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${options.name}: ${matching(pattern)} of ${count} output lines matching ${pattern} after ${timeoutMs / 1000}s:\n${recent.join('\n')}`)), timeoutMs);
        waiters.push({ pattern, count, resolve: () => { clearTimeout(timer); resolve(); } });
        void exit.then(() => { clearTimeout(timer); reject(new Error(`${options.name} exited before printing ${pattern}:\n${recent.join('\n')}`)); });
      });
    },
    async stop() {
      if (exitedFlag) return;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
      // A forked worker may outlive its primary by a moment: make sure the group is gone.
      killGroup(child, 'SIGKILL');
    },
  };
  live.add(managed);
  return managed;
}

/** A Node process running a TypeScript entry point through tsx, as the apps are run. */
export function startNodeTs(name: string, entry: string, env: Record<string, string | undefined>): ManagedProcess {
  return startProcess({ name, command: process.execPath, args: ['--import', 'tsx', entry], env });
}

export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((p) => p.stop()));
  for (const dir of [...tempDirs]) removeTempDir(dir);
}

/** Polls `url` until it answers 2xx; fails early when `process` exits. */
export async function waitForHttp(url: string, options: { timeoutMs?: number; process?: ManagedProcess; init?: RequestInit; accept?: (res: Response) => boolean } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (options.process?.exited()) {
      throw new Error(`${options.process.name} exited while we waited for ${url}:\n${options.process.recentOutput()}`);
    }
    try {
      const res = await fetch(url, { ...options.init, signal: AbortSignal.timeout(2000) });
      if (options.accept ? options.accept(res) : res.ok) {
        await res.arrayBuffer();
        return;
      }
      last = `HTTP ${res.status}`;
      await res.arrayBuffer();
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not ready after ${timeoutMs / 1000}s (last: ${last})${options.process ? `\n${options.process.recentOutput()}` : ''}`);
}
