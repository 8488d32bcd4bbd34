import { DEFAULT_CONFIG, compilePortfolio, evaluateLimits, generatePortfolio, lineEconomics, lineOutcome, optimisePortfolio, prepare, solveCompiled } from '../src';
import { emptyOutcome } from '../src/economics';

describe('compiled line table', () => {
  const customers = generatePortfolio({ size: 300, seed: 5 });
  const compiled = compilePortfolio(customers, DEFAULT_CONFIG);

  test('gives back each line as lineEconomics built it, and evaluates it the same way', () => {
    const out = emptyOutcome();
    customers.forEach((c, i) => {
      (['CASH_LOAN', 'PAY_LATER'] as const).forEach((product, p) => {
        const le = lineEconomics(c, product, DEFAULT_CONFIG);
        expect(compiled.lines.at(2 * i + p)).toEqual(le);
        for (const limit of [0, le.drawn, le.current + 12_300]) {
          expect(compiled.lines.outcome(2 * i + p, limit, out)).toEqual(lineOutcome(le, limit));
        }
      });
    });
  });

  test("the report's one-pass totals equal evaluating today's limits and the solution's", () => {
    const budget = Math.round(customers.reduce((s, c) => s + c.cashLoan.current + c.payLater.current, 0) * 0.9);
    const result = optimisePortfolio({ customers, budget });
    const { compiled: c } = prepare({ customers, budget });
    const before = evaluateLimits(c, Float64Array.from(c.current), result.before.exposure);
    const after = evaluateLimits(c, solveCompiled(c, budget).limits);
    expect(result.before).toEqual({ ...before, objective: expect.closeTo(before.objective, 6) });
    expect(result.after).toEqual({ ...after, objective: expect.closeTo(after.objective, 6) });
    expect(result.after.linesUp + result.after.linesDown).toBeGreaterThan(0);
  });
});
