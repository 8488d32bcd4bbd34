import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { runAllocate as RunAllocate } from '../src/allocate-command';
import { wantsStack } from '../src/allocate-failure';

/** runAllocate with the portfolio simulation replaced by one that throws `thrown`. */
function failingAllocate(thrown: unknown): typeof RunAllocate {
  let run!: typeof RunAllocate;
  jest.isolateModules(() => {
    jest.doMock('../src/synthetic', () => ({
      ...jest.requireActual('../src/synthetic'),
      generatePortfolio: () => {
        throw thrown;
      },
    }));
    run = require('../src/allocate-command').runAllocate;
  });
  return run;
}

async function capture(run: typeof RunAllocate, argv: string[], withStack = false) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, { withStack });
  return { code, out, err };
}

const ARGS = ['--customers', '50', '--budget', '90%'];

afterEach(() => jest.dontMock('../src/synthetic'));

describe('an unexpected failure while running', () => {
  it('is one "allocate: <message>" line and exit code 1, without a stack', async () => {
    const { code, out, err } = await capture(failingAllocate(new RangeError('Invalid array length')), ARGS);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.at(-1)).toBe('allocate: Invalid array length');
    expect(err.join('\n')).not.toMatch(/^\s+at /m);
  });

  it('keeps the stack after the line when asked for', async () => {
    const { code, err } = await capture(failingAllocate(new Error('solver blew up')), ARGS, true);
    expect(code).toBe(1);
    expect(err.at(-2)).toBe('allocate: solver blew up');
    expect(err.at(-1)).toMatch(/^Error: solver blew up\n\s+at /);
  });

  it('stays on one line for a multi-line message or a thrown non-Error', async () => {
    expect((await capture(failingAllocate(new Error('first\n  second')), ARGS)).err.at(-1)).toBe('allocate: first second');
    expect((await capture(failingAllocate('just a string'), ARGS)).err.at(-1)).toBe('allocate: just a string');
  });
});

it.each([
  [{ DEBUG: '1' }, true],
  [{ DEBUG: 'true' }, true],
  [{ DEBUG: '0' }, false],
  [{ DEBUG: '' }, false],
  [{}, false],
])('reads the wish for a stack from DEBUG %p', (env, wanted) => {
  expect(wantsStack(env)).toBe(wanted);
});

describe('npm run allocate in a real process', () => {
  const tsx = join(__dirname, '../../../node_modules/.bin/tsx');
  const cli = join(__dirname, '../src/allocate-cli.ts');
  const run = (...argv: string[]) => spawnSync(tsx, [cli, ...argv], { encoding: 'utf8', env: { ...process.env, DEBUG: '' } });

  it('prints one JSON object as its last line on success', () => {
    const result = run('--customers', '40', '--budget', '90%');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ customers: 40 });
  });

  it('exits 2 on bad usage with an "allocate: " line and the usage, no stack', () => {
    const result = run('--customers', '10');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe('allocate: --budget is required');
    expect(result.stderr).toContain('usage: npm run allocate');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('exits 1 with one "allocate: " line when the budget is below the floors', () => {
    const result = run('--customers', '40', '--budget', '1.00');
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^allocate: the budget 1\.00 CNY .* minimum feasible budget is \d+\.\d{2} CNY$/);
  });
});
