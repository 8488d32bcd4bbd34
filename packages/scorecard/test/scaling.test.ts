import { basePoints, binPoints, makeScaling, oddsOfScore, scoreOfOdds, STANDARD_SCALING } from '../src/scaling';

describe('points scaling (600 = 50:1, PDO 20)', () => {
  it('puts 50:1 good:bad odds at 600 and doubled odds 20 points higher', () => {
    expect(scoreOfOdds(STANDARD_SCALING, 50)).toBeCloseTo(600, 10);
    expect(scoreOfOdds(STANDARD_SCALING, 100)).toBeCloseTo(620, 10);
    expect(scoreOfOdds(STANDARD_SCALING, 25)).toBeCloseTo(580, 10);
    expect(oddsOfScore(STANDARD_SCALING, 640)).toBeCloseTo(200, 8);
  });

  it('has factor pdo / ln 2 and the matching offset', () => {
    const s = makeScaling(600, 50, 20);
    expect(s.factor).toBeCloseTo(28.8539008, 6);
    expect(s.offset).toBeCloseTo(600 - 28.8539008 * Math.log(50), 5);
  });

  it('turns intercept and WOE into integer points that add up to the score', () => {
    // logit(bad) = -3 + 0.8 * woe; with woe = 0.5: odds good:bad = e^(3 - 0.4) = e^2.6.
    const intercept = -3;
    const coefficient = 0.8;
    const woe = 0.5;
    const exact = scoreOfOdds(STANDARD_SCALING, Math.exp(-(intercept + coefficient * woe)));
    const total = basePoints(STANDARD_SCALING, intercept) + binPoints(STANDARD_SCALING, coefficient, woe);
    expect(Number.isInteger(total)).toBe(true);
    expect(Math.abs(total - exact)).toBeLessThanOrEqual(1);
    expect(binPoints(STANDARD_SCALING, coefficient, -woe)).toBe(-binPoints(STANDARD_SCALING, coefficient, woe));
    expect(Object.is(binPoints(STANDARD_SCALING, 0.5, 0), 0)).toBe(true);
  });
});
