import { fitLogistic, solveSpd } from '../src/logistic-regression';

describe('logistic regression', () => {
  it('reproduces the closed-form solution for one binary feature', () => {
    // x = 0: 3 bads of 10; x = 1: 6 bads of 10. The MLE fits each group's log-odds exactly:
    // intercept = ln(3/7), coefficient = ln(6/4) - ln(3/7).
    const x = Float64Array.from({ length: 20 }, (_, i) => (i < 10 ? 0 : 1));
    const y = Uint8Array.from({ length: 20 }, (_, i) => (i < 3 || (i >= 10 && i < 16) ? 1 : 0));
    const fit = fitLogistic([x], y, { l2: 0 });
    expect(fit.intercept).toBeCloseTo(Math.log(3 / 7), 8);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(1.5) - Math.log(3 / 7), 8);
  });

  it('keeps a separable set finite under L2 and lands on the known solution', () => {
    // x = -2, -1, 1, 2 with labels 0, 0, 1, 1 is separable: without a penalty the coefficient
    // runs off to infinity. With l2 = 1 symmetry gives intercept 0 and beta solving
    // sum x_i (y_i - sigmoid(beta x_i)) = beta, i.e. 2 (2 sigmoid(-2b) + sigmoid(-b)) = b.
    const x = Float64Array.from([-2, -1, 1, 2]);
    const y = Uint8Array.from([0, 0, 1, 1]);
    const fit = fitLogistic([x], y, { l2: 1 });
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const g = (b: number) => 2 * (2 * s(-2 * b) + s(-b)) - b;
    let lo = 0;
    let hi = 10;
    for (let k = 0; k < 200; k++) {
      const mid = (lo + hi) / 2;
      if (g(mid) > 0) lo = mid;
      else hi = mid;
    }
    expect(fit.intercept).toBeCloseTo(0, 8);
    expect(fit.coefficients[0]).toBeCloseTo(lo, 8);
    expect(lo).toBeGreaterThan(1);
    expect(lo).toBeLessThan(2);
  });

  it('is deterministic', () => {
    const x1 = Float64Array.from({ length: 50 }, (_, i) => Math.sin(i));
    const x2 = Float64Array.from({ length: 50 }, (_, i) => Math.cos(i * 0.7));
    const y = Uint8Array.from({ length: 50 }, (_, i) => (Math.sin(i) + Math.cos(i * 0.7) > 0.3 ? 1 : 0));
    expect(fitLogistic([x1, x2], y, { l2: 0.5 })).toEqual(fitLogistic([x1, x2], y, { l2: 0.5 }));
  });

  it('solves a positive definite system', () => {
    // 4x + 2y = 8, 2x + 3y = 7
    const x = solveSpd(Float64Array.from([4, 2, 2, 3]), Float64Array.from([8, 7]), 2);
    expect(x[0]).toBeCloseTo(1.25, 12);
    expect(x[1]).toBeCloseTo(1.5, 12);
  });
});
