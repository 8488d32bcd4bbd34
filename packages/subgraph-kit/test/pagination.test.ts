import { checkPageSize, decodeCursor, encodeCursor, toConnection } from '../src';

const isKey = (k: string) => /^k\d+$/.test(k);

it('round-trips cursors and rejects tampered ones', () => {
  expect(decodeCursor(encodeCursor('k42'), isKey)).toBe('k42');
  for (const bad of ['', '!!', encodeCursor('zzz'), Buffer.from('v2:k1').toString('base64url')]) {
    expect(() => decodeCursor(bad, isKey)).toThrow(/cursor/);
  }
});

it('bounds page sizes to 1..100', () => {
  expect(checkPageSize(100)).toBe(100);
  for (const bad of [0, -1, 101, 1.5]) expect(() => checkPageSize(bad)).toThrow(/between 1 and 100/);
});

it('uses the extra row only to report hasNextPage', () => {
  const rows = ['k1', 'k2', 'k3'];
  const page = toConnection(rows, 2, (r) => r);
  expect(page.edges.map((e) => e.node)).toEqual(['k1', 'k2']);
  expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor('k2') });
  expect(toConnection(rows, 3, (r) => r).pageInfo.hasNextPage).toBe(false);
  expect(toConnection([], 3, (r: string) => r).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
});
