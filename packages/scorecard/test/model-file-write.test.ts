// the module object itself (not an import's copy of it), so a spy reaches the code under test
import fs = require('node:fs');
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, wantsStack } from '../src/cli';
import { loadModel } from '../src/model/validate-model';
import { writeModelFile } from '../src/model/write-model-file';
import { syntheticRows, toTaiwanCsv } from './support/synthetic';

const dir = mkdtempSync(join(tmpdir(), 'scorecard-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

const trainCsv = join(dir, 'train.csv');
writeFileSync(trainCsv, toTaiwanCsv(syntheticRows(1200, 3)));

function run(args: string[], withStack = false) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, { withStack });
  return { code, out, err };
}

const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/** The disk fills halfway through whichever write the model file goes through. */
function failWritesHalfway(): void {
  const writeSync = fs.writeSync;
  const writeFile = fs.writeFileSync;
  // the model writer passes a buffer with its offset and length
  const halfWrite = (fd: number, buffer: NodeJS.ArrayBufferView, offset: number, length: number): number => {
    writeSync(fd, buffer, offset, Math.floor(length / 2));
    throw diskFull();
  };
  jest.spyOn(fs, 'writeSync').mockImplementation(halfWrite as unknown as typeof fs.writeSync);
  jest.spyOn(fs, 'writeFileSync').mockImplementation((path, data) => {
    writeFile(path, String(data).slice(0, String(data).length / 2));
    throw diskFull();
  });
}

describe('scorecard train writing the model file', () => {
  const models = join(dir, 'models');
  const target = join(models, 'model.json');

  it('replaces an existing model whole, through a rename from a temporary file beside it', () => {
    mkdirSync(models, { recursive: true });
    writeFileSync(target, 'the old model\n');
    const rename = jest.spyOn(fs, 'renameSync');
    expect(run(['train', '--data', trainCsv, '--out', target, '--seed', '2']).code).toBe(0);
    expect(loadModel(readFileSync(target, 'utf8')).provenance.seed).toBe(2);
    expect(rename).toHaveBeenCalledTimes(1);
    expect(rename.mock.calls[0]![0]).toMatch(new RegExp(`^${models}/\\.model\\.json\\..+\\.tmp$`));
    expect(rename.mock.calls[0]![1]).toBe(target);
    expect(readdirSync(models)).toEqual(['model.json']);
  });

  it('leaves the old model as it was, and no temporary file, when the disk fills midway', () => {
    const before = readFileSync(target, 'utf8');
    failWritesHalfway();
    const { code, err } = run(['train', '--data', trainCsv, '--out', target, '--seed', '5']);
    jest.restoreAllMocks();
    expect(code).toBe(1);
    expect(err).toEqual(['error: ENOSPC: no space left on device, write']);
    expect(readFileSync(target, 'utf8')).toBe(before);
    expect(readdirSync(models)).toEqual(['model.json']);
  });

  it('creates the directory of a new model, and cleans up when the rename fails', () => {
    const fresh = join(dir, 'a', 'b', 'model.json');
    writeModelFile(fresh, '{}\n');
    expect(readFileSync(fresh, 'utf8')).toBe('{}\n');
    // a directory in the way: the rename is refused and the target stays a directory
    const blocked = join(dir, 'blocked');
    mkdirSync(join(blocked, 'model.json'), { recursive: true });
    expect(() => writeModelFile(join(blocked, 'model.json'), '{}\n')).toThrow(/EISDIR|EEXIST|ENOTEMPTY|EPERM/);
    expect(readdirSync(blocked)).toEqual(['model.json']);
  });
});

describe('an unexpected failure', () => {
  it('is one "error: " line and exit code 1, not a stack trace', () => {
    jest.spyOn(fs, 'readFileSync').mockImplementation(() => {
      throw new TypeError('something broke\n  on two lines');
    });
    const { code, err } = run(['train', '--data', trainCsv, '--out', join(dir, 'never.json')]);
    expect(code).toBe(1);
    expect(err).toEqual(['error: something broke on two lines']);
  });

  it('keeps the stack after the line when asked for', () => {
    jest.spyOn(fs, 'readFileSync').mockImplementation(() => {
      throw new TypeError('something broke');
    });
    const { code, err } = run(['train', '--data', trainCsv, '--out', join(dir, 'never.json')], true);
    expect(code).toBe(1);
    expect(err[0]).toBe('error: something broke');
    expect(err[1]).toMatch(/^TypeError: something broke\n\s+at /);
  });

  it.each([
    [{ DEBUG: '1' }, true],
    [{ DEBUG: '0' }, false],
    [{}, false],
  ])('reads the wish for a stack from DEBUG %p', (env, wanted) => expect(wantsStack(env)).toBe(wanted));
});
