import { reasonCodes } from '../src/model/score';

const item = (code: string, points: number, maxPoints: number) => ({ code, description: { en: code, zh: code }, points, maxPoints });

describe('reason codes', () => {
  it('lists the four largest point shortfalls, largest first, ties in model order', () => {
    const reasons = reasonCodes([
      item('A', 10, 10),
      item('B', -5, 12),
      item('C', 0, 4),
      item('D', 1, 18),
      item('E', -3, 1),
      item('F', 3, 7),
    ]);
    expect(reasons.map((r) => [r.code, r.shortfall])).toEqual([
      ['B', 17],
      ['D', 17],
      ['C', 4],
      ['E', 4],
    ]);
    expect(reasons[0]).toMatchObject({ description: { en: 'B', zh: 'B' }, points: -5, maxPoints: 12 });
  });

  it('never gives a characteristic at its best bin as a reason', () => {
    expect(reasonCodes([item('A', 5, 5), item('B', 2, 3)]).map((r) => r.code)).toEqual(['B']);
    expect(reasonCodes([item('A', 5, 5)])).toEqual([]);
  });
});
