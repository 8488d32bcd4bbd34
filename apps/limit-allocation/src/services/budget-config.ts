import { parseMoney, type Clock, type Minor } from '@jc/domain';
import type { PortfolioRepository } from '../db/portfolio-repository';

/** PORTFOLIO_EXPOSURE_BUDGET (CNY, e.g. "50000000.00"); null when unset. A bad value stops the start. */
export function configuredBudget(env: NodeJS.ProcessEnv = process.env): Minor | null {
  const text = env.PORTFOLIO_EXPOSURE_BUDGET;
  if (!text) return null;
  const budget = parseMoney(text);
  if (budget <= 0) throw new Error('PORTFOLIO_EXPOSURE_BUDGET must be a positive amount of CNY');
  return budget;
}

/**
 * The configured budget is the starting value: it is written when no budget is stored, so an
 * ADMIN's later setPortfolioBudget stays in force across restarts.
 */
export async function applyConfiguredBudget(portfolio: PortfolioRepository, budget: Minor | null, clock: Clock): Promise<boolean> {
  if (budget === null || (await portfolio.budget(clock.now())).exposureBudget !== null) return false;
  await portfolio.setBudget(budget, 'config', clock.now());
  return true;
}
