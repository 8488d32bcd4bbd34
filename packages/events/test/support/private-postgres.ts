import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);
export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';
export const postgresInstalled = (): boolean => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(POSTGRES_BIN, b)));

/** PostgreSQL refuses to run as root, so as root its tools run as the postgres user. */
const asRoot = process.getuid?.() === 0;
const command = (tool: string, args: string[]): [string, string[]] =>
  asRoot ? ['runuser', ['-u', 'postgres', '--', join(POSTGRES_BIN, tool), ...args]] : [join(POSTGRES_BIN, tool), args];

/**
 * A PostgreSQL cluster that belongs to one test file: its own data directory, port and socket
 * directory, so stopping it (even abruptly) disturbs no other test or the machine's server.
 * fsync is off because the faults simulated are process crashes, which the OS page cache survives.
 */
export class PrivatePostgres {
  private running = false;
  private readonly exitGuard = () => this.stopNowSync();

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'jc-private-pg-'));
    if (asRoot) {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, id('-u'), id('-g'));
    }
    const pg = new PrivatePostgres(await freePort(), dir);
    await run(...command('initdb', ['-D', pg.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']));
    await pg.restart();
    return pg;
  }

  /** Starts the cluster (again) and waits until it accepts connections; recovers after a crash-like stop. */
  async restart(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await run(...command('pg_ctl', ['start', '-w', '-t', '30', '-D', this.dataDir, '-l', join(this.dir, 'postgres.log'), '-o', options]));
    if (!this.running) process.once('exit', this.exitGuard);
    this.running = true;
  }

  /** `immediate` kills every backend without a checkpoint, like a crash; `fast` shuts down cleanly. */
  async stop(mode: 'immediate' | 'fast' = 'immediate'): Promise<void> {
    await run(...command('pg_ctl', ['stop', '-w', '-m', mode, '-D', this.dataDir]));
    this.running = false;
    process.removeListener('exit', this.exitGuard);
  }

  async destroy(): Promise<void> {
    if (this.running) await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Last resort when a test process ends without `destroy`: a cluster must not outlive it. */
  private stopNowSync(): void {
    try {
      execFileSync(...command('pg_ctl', ['stop', '-m', 'immediate', '-D', this.dataDir]), { stdio: 'ignore' });
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      /* already gone */
    }
  }
}
