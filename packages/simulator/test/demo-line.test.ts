import { yuan } from '@jc/domain';
import { demoLine, generatePopulation } from '../src';

describe('demoLine', () => {
  const population = generatePopulation({ seed: 'demo-line', customers: 400 });

  it('opens PAY_LATER first for NEW customers and both products for the others, on the CNY 100 grid', () => {
    for (const c of population) {
      const line = demoLine(c);
      for (const limit of [line.jointLimit, line.cashLoanLimit, line.payLaterLimit]) expect(limit % yuan(100)).toBe(0);
      expect(line.payLaterLimit).toBeLessThanOrEqual(line.jointLimit);
      expect(line.cashLoanLimit).toBeLessThanOrEqual(line.jointLimit);
      if (c.lifecycleHint === 'NEW') expect([line.cashLoanLimit, line.payLaterLimit <= yuan(3000)]).toEqual([0, true]);
      else expect(line.cashLoanLimit).toBeGreaterThan(0);
    }
  });

  it('gives HIGH_RISK customers smaller lines than ACTIVE ones of the same income and never passes the person cap', () => {
    const income = yuan(240_000);
    expect(demoLine({ declaredAnnualIncome: income, lifecycleHint: 'HIGH_RISK' }).jointLimit).toBeLessThan(demoLine({ declaredAnnualIncome: income, lifecycleHint: 'ACTIVE' }).jointLimit);
    expect(demoLine({ declaredAnnualIncome: yuan(5_000_000), lifecycleHint: 'ACTIVE' }).jointLimit).toBe(yuan(200_000));
  });
});
