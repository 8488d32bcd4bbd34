import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm start` (start.ts) as a process of its own, as a developer runs it. */
const localDir = join(__dirname, '..');
const tsx = join(localDir, '..', '..', 'node_modules', '.bin', 'tsx');

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

function runStart(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['--tsconfig', '../../tsconfig.json', 'start.ts'], { cwd: localDir, env: { ...process.env, ...env }, detached: true });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
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
