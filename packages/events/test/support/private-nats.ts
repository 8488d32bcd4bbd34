import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from './free-port';

export const NATS_SERVER = '/usr/sbin/nats-server';
export const natsServerInstalled = (): boolean => existsSync(NATS_SERVER);

/**
 * A NATS server with JetStream that belongs to one test file: its own port and store directory,
 * so killing it disturbs no other test or the machine's shared server. Restarting reuses the
 * store directory, so streams, messages and consumer positions survive as in a real restart.
 */
export class PrivateNats {
  private child: ChildProcess | null = null;
  /** Last resort when a test process ends without `destroy`: the server must not outlive it. */
  private readonly exitGuard = () => this.child?.kill('SIGKILL');

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateNats> {
    const nats = new PrivateNats(await freePort(), mkdtempSync(join(tmpdir(), 'jc-private-nats-')));
    await nats.restart();
    return nats;
  }

  /** Starts the server again on the same port and store (after `kill`). */
  async restart(): Promise<void> {
    if (this.child) throw new Error('private NATS is already running');
    const log = openSync(join(this.dir, 'nats.log'), 'a');
    const child = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', join(this.dir, 'store')], {
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.child = child;
    process.once('exit', this.exitGuard);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`private NATS exited with ${code} while starting; see ${this.dir}/nats.log`))),
    );
    exited.catch(() => undefined);
    await Promise.race([waitForPort(this.port, 'private NATS'), exited]);
  }

  /** Stops the server abruptly (SIGKILL, like a crash) or politely (SIGTERM), and waits for it to exit. */
  async kill(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    process.removeListener('exit', this.exitGuard);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  /** Removes the store of a stopped server: it comes back without its streams and consumers. */
  wipeStore(): void {
    if (this.child) throw new Error('private NATS is running');
    rmSync(join(this.dir, 'store'), { recursive: true, force: true });
  }

  /** Kills the server and removes its store. */
  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
