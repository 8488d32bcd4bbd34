import { fixedClock, yuan } from '@jc/domain';
import type { Database } from '@jc/subgraph-kit';
import { PortfolioRepository } from '../src/db/portfolio-repository';
import { applyConfiguredBudget, configuredBudget } from '../src/services/budget-config';
import { useLimitSubgraph } from './support/subgraph';

const clock = fixedClock('2026-11-30T08:00:00Z');
let database: Database;
useLimitSubgraph(clock, (s) => ({ database } = s));

it('reads the configured budget and refuses a bad one', () => {
  expect(configuredBudget({})).toBeNull();
  expect(configuredBudget({ PORTFOLIO_EXPOSURE_BUDGET: '50000000.00' })).toBe(yuan(50_000_000));
  expect(() => configuredBudget({ PORTFOLIO_EXPOSURE_BUDGET: '-1' })).toThrow(/positive/);
  expect(() => configuredBudget({ PORTFOLIO_EXPOSURE_BUDGET: 'lots' })).toThrow();
});

it('starts from the configured budget and then keeps what an ADMIN set', async () => {
  const portfolio = new PortfolioRepository(database.dataSource);
  expect(await applyConfiguredBudget(portfolio, yuan(1_000_000), clock)).toBe(true);
  expect((await portfolio.budget(clock.now())).exposureBudget).toBe(yuan(1_000_000));
  await portfolio.setBudget(yuan(2_000_000), 'admin', clock.now());
  expect(await applyConfiguredBudget(portfolio, yuan(1_000_000), clock)).toBe(false);
  expect((await portfolio.budget(clock.now())).exposureBudget).toBe(yuan(2_000_000));
});
