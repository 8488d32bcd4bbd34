import { join, resolve } from 'node:path';
import { resolveDataDir } from '../data-dir';

const repoRoot = '/repo';

describe('the data directory of npm start', () => {
  it('is .data at the repository root when JC_DATA_DIR is unset or blank', () => {
    expect(resolveDataDir({}, repoRoot)).toBe(join(repoRoot, '.data'));
    expect(resolveDataDir({ JC_DATA_DIR: '  ', INIT_CWD: '/home/me' }, repoRoot)).toBe(join(repoRoot, '.data'));
  });

  it('resolves a relative JC_DATA_DIR against the directory npm was run from, not infra/local', () => {
    expect(resolveDataDir({ JC_DATA_DIR: 'demo-data', INIT_CWD: '/home/me/joint-credit' }, repoRoot)).toBe('/home/me/joint-credit/demo-data');
    expect(resolveDataDir({ JC_DATA_DIR: '../elsewhere/./data', INIT_CWD: '/home/me/joint-credit' }, repoRoot)).toBe('/home/me/elsewhere/data');
  });

  it('falls back to the current directory outside npm', () => {
    expect(resolveDataDir({ JC_DATA_DIR: 'demo-data' }, repoRoot)).toBe(resolve(process.cwd(), 'demo-data'));
    expect(resolveDataDir({ JC_DATA_DIR: 'demo-data', INIT_CWD: '' }, repoRoot)).toBe(resolve(process.cwd(), 'demo-data'));
  });

  it('keeps an absolute JC_DATA_DIR, tidied', () => {
    expect(resolveDataDir({ JC_DATA_DIR: '/var/tmp//jc/', INIT_CWD: '/home/me' }, repoRoot)).toBe('/var/tmp/jc');
  });
});
