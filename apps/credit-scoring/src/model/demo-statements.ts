import { Rng, type Seed, type SimulatedCustomer } from '@jc/simulator';
import { MONTHS } from '@jc/scorecard';
import type { StoredStatement } from './statements';

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function monthsBack(lastMonth: string, k: number): string {
  const d = new Date(`${lastMonth}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - k);
  return d.toISOString().slice(0, 10);
}

/**
 * Six monthly statements (most recent first, ending with `lastMonth`) for a simulated customer,
 * drawn from the simulator's own latent truth so that scores line up with it: the line is about
 * 30% of annual income; spend follows the customer's purchase frequency, ticket size and
 * PAY_LATER share; revolving follows their revolve probability; and a run of missed payments
 * starts at three times the monthly hazard of their latent annual PD (most missed payments cure
 * before reaching 90 days, which is what the PD counts) and cures at their cure probability.
 * Months before onboarding or after going dormant are "no use" months. An approximation on
 * purpose: deriving statements from transactions is behaviour analytics' work, and its
 * behaviour.updated replaces these with the statements of the customer's events.
 */
export function demoStatements(seed: Seed, customer: SimulatedCustomer, lastMonth: string): StoredStatement[] {
  const rng = Rng.fromSeed(seed, 'credit-scoring-statements', customer.index);
  const b = customer.behaviour;
  const limitYuan = clamp(Math.round((customer.declaredAnnualIncome / 100) * 0.3 / 500) * 500, 1_000, 200_000);
  const limit = limitYuan * 100;
  const monthlySpendYuan = b.monthlyFrequency * Math.exp(b.ticketMu + (b.ticketSigma * b.ticketSigma) / 2) * b.payLaterShare;
  const monthlyHazard = 1 - (1 - customer.latentAnnualPd) ** (1 / 12);
  const out: StoredStatement[] = [];
  let late = 0;
  let carried = 0;
  // Generated oldest first so delinquency can build up month by month.
  for (let k = MONTHS - 1; k >= 0; k--) {
    const month = monthsBack(lastMonth, k);
    const monthStart = new Date(`${month}T00:00:00Z`);
    const idle = monthStart < customer.onboardedAt || (customer.dormantFrom !== null && customer.dormantFrom <= monthStart);
    if (idle && late === 0) {
      out.push({ month, limit, balance: 0, repaid: 0, status: -2 });
      carried = 0;
      continue;
    }
    const spend = Math.round(monthlySpendYuan * rng.lognormal(0, 0.35)) * 100;
    const due = Math.min(limit, carried + spend);
    if (late > 0 ? !rng.bernoulli(b.cureProbability) : rng.bernoulli(Math.min(0.9, monthlyHazard * 3))) {
      late += 1;
      carried = Math.min(limit, Math.round(due * 1.015));
      out.push({ month, limit, balance: carried, repaid: 0, status: late });
    } else if (rng.bernoulli(b.revolveProbability)) {
      const repaid = Math.round(due * rng.uniform(0.1, 0.6));
      late = 0;
      carried = due - repaid;
      out.push({ month, limit, balance: due, repaid, status: 0 });
    } else {
      late = 0;
      carried = 0;
      out.push({ month, limit, balance: due, repaid: due, status: due === 0 ? -2 : -1 });
    }
  }
  return out.reverse();
}
