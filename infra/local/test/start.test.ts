import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm start` (start.ts) as a process of its own, as a developer runs it (see the script in package.json). */
const localDir = join(__dirname, '..');

/** An HTTP server answering 200 to everything: another program already on the port. */
async function occupy(): Promise<Server> {
  const server = createServer((_req, res) => res.end('someone else'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function freePort(): Promise<number> {
  const server = await occupy();
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `onOutput` sees the output so far after each chunk, and may signal the process. */
function runStart(env: NodeJS.ProcessEnv, onOutput?: (output: string, signal: (name: NodeJS.Signals) => void) => void): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'start.ts'], {
      cwd: localDir,
      env: { ...process.env, TSX_TSCONFIG_PATH: '../../tsconfig.json', ...env },
      detached: true,
    });
    let output = '';
    const signal = (name: NodeJS.Signals) => process.kill(-child.pid!, name);
    const append = (chunk: Buffer) => {
      output += chunk;
      onOutput?.(output, signal);
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      reject(new Error(`start.ts did not exit within 90 s:\n${output}`));
    }, 90_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('npm start with a port already taken', () => {
  let dataRoot: string;
  let taken: Server;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dataRoot = join(mkdtempSync(join(tmpdir(), 'start-test-')), 'data');
    taken = await occupy();
    env = {
      JC_DATA_DIR: dataRoot,
      PORT: String(await freePort()),
      CREDIT_SCORING_PORT: String(await freePort()),
      BEHAVIOUR_ANALYTICS_PORT: String(await freePort()),
      LIMIT_ALLOCATION_PORT: String(await freePort()),
      CONSOLE_PORT: String(await freePort()),
      DEMO_CUSTOMERS: '5',
      LOG_LEVEL: 'warn',
      INTERNAL_AUTH_SECRET: 'start-test-secret-0123456789abcdef0123456789',
    };
  });
  afterEach(async () => {
    await new Promise((resolve) => taken.close(resolve));
    rmSync(join(dataRoot, '..'), { recursive: true, force: true });
  });

  it.each(['CONSOLE_PORT', 'CREDIT_SCORING_PORT', 'PORT'])('fails at once, naming %s, and never reports a service it did not start', async (variable) => {
    const port = (taken.address() as AddressInfo).port;
    const { code, output } = await runStart({ ...env, [variable]: String(port) });
    expect(code).toBe(1);
    expect(output).toContain(`port ${port}`);
    expect(output).toContain(variable);
    // Nothing was started, seeded or announced as ready before the clash was found.
    expect(output).not.toContain('ready on');
    expect(output).not.toContain('Joint Credit console:');
    expect(existsSync(dataRoot)).toBe(false);
  });
});

describe('npm start interrupted while it seeds the demo data', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'start-test-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('shows the seeding at the default log level, says the seed will be redone and exits 130; a relative JC_DATA_DIR is where npm was run', async () => {
    const env: NodeJS.ProcessEnv = {
      // as `npm start` run from `base` with JC_DATA_DIR=demo-data: npm runs the script in infra/local
      INIT_CWD: base,
      JC_DATA_DIR: 'demo-data',
      PORT: String(await freePort()),
      CREDIT_SCORING_PORT: String(await freePort()),
      BEHAVIOUR_ANALYTICS_PORT: String(await freePort()),
      LIMIT_ALLOCATION_PORT: String(await freePort()),
      CONSOLE_PORT: String(await freePort()),
      DEMO_CUSTOMERS: '300',
      LOG_LEVEL: 'warn',
      INTERNAL_AUTH_SECRET: 'start-test-secret-0123456789abcdef0123456789',
    };
    let interrupted = false;
    const { code, output } = await runStart(env, (sofar, signal) => {
      // Ctrl-C from a terminal reaches the whole process group
      if (!interrupted && sofar.includes('limit-allocation     seeding ...')) {
        interrupted = true;
        signal('SIGINT');
      }
    });
    const dataRoot = join(base, 'demo-data');
    expect(output).toContain(`data directory: ${dataRoot}`);
    expect(output).toMatch(/^Seeding the demo data/m);
    expect(output).toMatch(/Interrupted while seeding the demo data \(.*\): the next npm start discards the partial data under .*demo-data and seeds it again\./);
    expect(code).toBe(130);
    expect(output).not.toContain('ready on');
    // the marks that make the next start seed again
    expect(readdirSync(dataRoot).filter((name) => name.endsWith('.seeding')).length).toBeGreaterThan(0);
  }, 150_000);
});
