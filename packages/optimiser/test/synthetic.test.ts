import { CUSTOMER_ID_PATTERN } from '@jc/domain';
import { DEFAULT_CONFIG, Rng, customerBounds, generatePortfolio, responseRate, validateCustomers } from '../src';

describe('synthetic portfolio', () => {
  const customers = generatePortfolio({ size: 20_000, seed: 3 });

  test('is deterministic per seed and differs across seeds', () => {
    expect(generatePortfolio({ size: 50, seed: 3 })).toEqual(customers.slice(0, 50));
    expect(generatePortfolio({ size: 50, seed: 4 })).not.toEqual(customers.slice(0, 50));
  });

  test('is valid input with unique platform-style ids', () => {
    expect(() => validateCustomers(customers, DEFAULT_CONFIG)).not.toThrow();
    expect(customers.every((c) => CUSTOMER_ID_PATTERN.test(c.id))).toBe(true);
  });

  test('matches the platform: closed cash loans for NEW, limits on the grid and inside policy, drawn within limit', () => {
    const step = DEFAULT_CONFIG.step;
    const odd = customers.filter((c) => {
      const b = customerBounds(c, DEFAULT_CONFIG);
      // Inside policy means today's limits are themselves a feasible decision.
      const feasibleToday =
        c.stage === 'HIGH_RISK' ||
        (c.cashLoan.current >= b.cashLoan.lo && c.cashLoan.current <= b.cashLoan.hi && c.payLater.current >= b.payLater.lo && c.payLater.current <= b.payLater.hi);
      return (
        (c.stage === 'NEW' && c.cashLoan.current !== 0) ||
        c.cashLoan.current % step !== 0 ||
        c.payLater.current % step !== 0 ||
        c.cashLoan.drawn > c.cashLoan.current ||
        c.payLater.drawn > c.payLater.current ||
        c.cashLoan.apr > DEFAULT_CONFIG.aprCap ||
        !feasibleToday
      );
    });
    expect(odd).toEqual([]);
  });

  test('the portfolio-average balance response lands in the published 10–14% range', () => {
    const mean = customers.reduce((a, c) => a + responseRate(c.pd, DEFAULT_CONFIG.response), 0) / customers.length;
    expect(mean).toBeGreaterThan(0.1);
    expect(mean).toBeLessThan(0.14);
  });
});

describe('Rng', () => {
  test('uniform and normal draws have the right first two moments', () => {
    const rng = new Rng(42);
    const n = 100_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    for (let i = 0; i < n; i++) {
      su += rng.next();
      const z = rng.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sn / n).toBeCloseTo(0, 1);
    expect(sn2 / n).toBeCloseTo(1, 1);
  });
});
