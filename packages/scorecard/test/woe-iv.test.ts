import { chiSquare2x2, informationValue, ivTerm, woe } from '../src/binning/woe';
import { binEachCategory } from '../src/binning/quantile-binning';

describe('weight of evidence and information value', () => {
  // Two bins of 10 bads and 10 goods overall: A holds 2 bads / 8 goods, B 8 bads / 2 goods.
  // With the half-count smoothing, WOE(A) = ln((2.5/10.5) / (8.5/10.5)) = ln(2.5/8.5).
  const woeA = Math.log(2.5 / 8.5);

  it('computes WOE as ln(%bads / %goods), positive meaning riskier', () => {
    expect(woe(2, 8, 10, 10)).toBeCloseTo(woeA, 12);
    expect(woe(2, 8, 10, 10)).toBeCloseTo(-1.2237754, 6);
    expect(woe(8, 2, 10, 10)).toBeCloseTo(-woeA, 12);
  });

  it('computes IV as the sum of (%bads - %goods) * WOE', () => {
    // A: (0.2 - 0.8) * -1.2238 = 0.73427; B the same by symmetry.
    expect(ivTerm(2, 8, 10, 10)).toBeCloseTo(0.7342653, 6);
    expect(informationValue([{ bads: 2, goods: 8 }, { bads: 8, goods: 2 }])).toBeCloseTo(1.4685306, 6);
    expect(informationValue([{ bads: 5, goods: 5 }, { bads: 5, goods: 5 }])).toBe(0);
  });

  it('bins a tiny categorical table the same way', () => {
    const values = ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b'];
    const labels = Uint8Array.from([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    const binning = binEachCategory(values, labels);
    expect(binning.bins.map((b) => b.categories)).toEqual([['a'], ['b']]);
    expect(binning.bins[0]?.woe).toBeCloseTo(woeA, 12);
    expect(binning.bins[0]?.eventRate).toBeCloseTo(0.2, 12);
    expect(binning.bins[1]?.share).toBeCloseTo(0.5, 12);
    expect(binning.iv).toBeCloseTo(1.4685306, 6);
  });

  it('computes the 2x2 chi-square', () => {
    // n (ad - bc)^2 / (row and column totals) = 20 * (2*2 - 8*8)^2 / (10*10*10*10) = 7.2
    expect(chiSquare2x2({ bads: 2, goods: 8 }, { bads: 8, goods: 2 })).toBeCloseTo(7.2, 12);
  });
});
