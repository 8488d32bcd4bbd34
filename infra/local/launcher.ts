import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { portFrom } from '@jc/subgraph-kit';

/**
 * Runs the platform as one OS process per app: the three subgraphs first, the gateway when they
 * are ready. Ctrl-C (or SIGTERM) stops every process once, in order; if any process dies, the
 * platform stops rather than run half-broken.
 */
export const root = join(__dirname, '..', '..');

export interface AppSpec {
  name: string;
  port: number;
  env: Record<string, string>;
}

export const SUBGRAPH_APPS = [
  { name: 'credit-scoring', portVar: 'CREDIT_SCORING_PORT', port: 4001, urlVar: 'CREDIT_SCORING_URL' },
  { name: 'behaviour-analytics', portVar: 'BEHAVIOUR_ANALYTICS_PORT', port: 4002, urlVar: 'BEHAVIOUR_ANALYTICS_URL' },
  { name: 'limit-allocation', portVar: 'LIMIT_ALLOCATION_PORT', port: 4003, urlVar: 'LIMIT_ALLOCATION_URL' },
] as const;

/**
 * The launcher's environment for a child, without the tsconfig path tsx set for the launcher
 * itself: it is relative to infra/local, and children start at the root, whose tsconfig they use.
 */
export function inheritedEnv(): NodeJS.ProcessEnv {
  const { TSX_TSCONFIG_PATH: _launcherOnly, ...env } = process.env;
  return env;
}

export interface PortClaim {
  name: string;
  port: number;
  /** The environment variable that moves it. */
  variable: string;
}

/**
 * Fails, naming the variable to change, when any of the ports is taken: checked before anything
 * starts, a clash stops the start at once instead of after a seed, and an app already on the port
 * can never pass for one of ours (a readiness probe would be answered by it).
 */
export async function assertPortsFree(claims: PortClaim[], host = '127.0.0.1'): Promise<void> {
  for (const { name, port, variable } of claims) {
    if (port === 0) continue;
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          err.code === 'EADDRINUSE'
            ? new Error(`port ${port} (${name}) is already in use, perhaps by another npm start: stop that, or set ${variable} to a free port`)
            : new Error(`cannot listen on ${host}:${port} (${name}, ${variable}): ${err.message}`),
        ),
      );
      probe.listen(port, host, () => probe.close(() => resolve()));
    });
  }
}

/** The ports `npm start` takes, from the environment. */
export function platformPorts(env: NodeJS.ProcessEnv = process.env): PortClaim[] {
  return [
    ...SUBGRAPH_APPS.map((a) => ({ name: a.name, port: portFrom(env, a.portVar, a.port), variable: a.portVar })),
    { name: 'gateway', port: gatewayPort(env), variable: 'PORT' },
    consolePort(env),
  ];
}

/** The gateway's port: PORT, else 4000. */
export const gatewayPort = (env: NodeJS.ProcessEnv = process.env): number => portFrom(env, 'PORT', 4000);

function consolePort(env: NodeJS.ProcessEnv = process.env): PortClaim {
  return { name: 'console', port: portFrom(env, 'CONSOLE_PORT', 4100), variable: 'CONSOLE_PORT' };
}

/** What a Ctrl-C at this moment should say before the stop, and the exit code to stop with. */
export interface InterruptNotice {
  message: string;
  code: number;
}

export class Launcher {
  private readonly children: ChildProcess[] = [];
  private readonly stopHooks: Array<() => Promise<void>> = [];
  private interruptNotice: () => InterruptNotice | undefined = () => undefined;
  private stopping = false;
  /** A fresh secret each run unless given: only these processes can sign and check identities. */
  readonly internalSecret = process.env.INTERNAL_AUTH_SECRET ?? randomBytes(32).toString('hex');

  constructor() {
    process.on('SIGINT', () => this.interrupt());
    process.on('SIGTERM', () => void this.stopAll(0));
  }

  /** Asked on Ctrl-C: a notice makes the stop explain itself; none stops quietly with code 0. */
  onInterrupt(notice: () => InterruptNotice | undefined): void {
    this.interruptNotice = notice;
  }

  private interrupt(): void {
    const notice = this.stopping ? undefined : this.interruptNotice();
    if (notice) console.error(`\n${notice.message}`);
    void this.stopAll(notice?.code ?? 0);
  }

  launch(app: AppSpec, entry = join(root, 'apps', app.name, 'src', 'main.ts')): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: root,
      // Own process group: a terminal's Ctrl-C reaches only this launcher, which then stops each
      // service once and in order, instead of every process racing its own shutdown.
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...inheritedEnv(), PORT: String(app.port), LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', INTERNAL_AUTH_SECRET: this.internalSecret, ...app.env },
    });
    child.on('exit', (code, signal) => {
      if (!this.stopping) {
        console.error(`${app.name} exited (${signal ?? code}); stopping the platform`);
        void this.stopAll(1);
      }
    });
    this.children.push(child);
    return child;
  }

  /** Runs at stop, after the child processes have exited (in-process parts of the platform). */
  onStop(hook: () => Promise<void>): void {
    this.stopHooks.push(hook);
  }

  async waitReady(app: AppSpec, timeoutMs = 120_000, path = '/ready'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.stopping) throw new Error('stopping');
      try {
        if ((await fetch(`http://127.0.0.1:${app.port}${path}`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${app.name} was not ready after ${timeoutMs / 1000}s`);
  }

  /** Starts the subgraphs with their own settings, then the gateway pointed at them. */
  async startPlatform(subgraphEnv: (name: string) => Record<string, string>, gatewayEnv: Record<string, string> = {}): Promise<number> {
    const started = Date.now();
    const subgraphs: AppSpec[] = SUBGRAPH_APPS.map((a) => ({ name: a.name, port: portFrom(process.env, a.portVar, a.port), env: subgraphEnv(a.name) }));
    for (const app of subgraphs) this.launch(app);
    await Promise.all(
      subgraphs.map(async (app) => {
        await this.waitReady(app);
        console.log(`  ${app.name.padEnd(20)} ready on http://127.0.0.1:${app.port}/graphql`);
      }),
    );
    const urls = Object.fromEntries(SUBGRAPH_APPS.map((a, i) => [a.urlVar, `http://127.0.0.1:${subgraphs[i]!.port}/graphql`]));
    const gateway: AppSpec = { name: 'gateway', port: gatewayPort(), env: { ...urls, ...gatewayEnv } };
    this.launch(gateway);
    await this.waitReady(gateway);
    console.log(`\nJoint Credit gateway: http://127.0.0.1:${gateway.port}/graphql  (ready in ${((Date.now() - started) / 1000).toFixed(1)}s; Ctrl-C to stop)`);
    console.log('A development token for it: npm run token -- --role ANALYST   (or --role CUSTOMER --customer <id>)');
    return gateway.port;
  }

  /** The risk-operations console, served by its own process against the gateway. */
  async startConsole(gatewayUrl: string): Promise<void> {
    const console_: AppSpec = { name: 'console', port: consolePort().port, env: { GATEWAY_URL: gatewayUrl } };
    await assertPortsFree([consolePort()], process.env.HOST ?? '127.0.0.1');
    this.launch(console_, join(root, 'apps', 'console', 'src', 'server', 'main.ts'));
    // The first start builds the console's assets, which takes a while on a small machine.
    await this.waitReady(console_, 300_000, '/');
    console.log(`Joint Credit console: http://127.0.0.1:${console_.port}/`);
  }

  async stopAll(code: number): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const exits = this.children
      .filter((c) => c.exitCode === null && c.signalCode === null)
      .map(
        (c) =>
          new Promise<void>((resolve) => {
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      );
    const timer = setTimeout(() => this.children.forEach((c) => c.kill('SIGKILL')), 10_000);
    await Promise.all(exits);
    clearTimeout(timer);
    for (const hook of this.stopHooks) await hook().catch((err) => console.error(err));
    process.exit(code);
  }

  fail(err: unknown): void {
    if (!this.stopping) console.error(err instanceof Error ? err.message : err);
    void this.stopAll(1);
  }
}
