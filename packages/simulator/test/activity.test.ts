import { detectPeaks, PeakCalendarError } from '@jc/domain';
import { simulateCustomer, simulationRange } from '../src/activity';
import type { Archetype } from '../src/archetypes';
import { MERCHANT_CATEGORIES } from '../src/events';
import { repaymentLine, transactionLine } from '../src/ndjson-files';
import { simulateActivities, simulatePortfolio, type Portfolio } from '../src/portfolio';

const options = { seed: 'portfolio', customers: 500, months: 12, asOf: '2025-07-01' };
const DAY_MS = 86_400_000;

function dailyCounts(portfolio: Portfolio, filter: (t: Portfolio['transactions'][number]) => boolean = () => true): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of portfolio.transactions) {
    if (!filter(t)) continue;
    const day = t.occurredAt.toISOString().slice(0, 10);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return counts;
}

function meanPerDay(counts: Map<string, number>, from: string, to: string): number {
  let total = 0;
  let days = 0;
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += DAY_MS) {
    total += counts.get(new Date(ms).toISOString().slice(0, 10)) ?? 0;
    days++;
  }
  return total / days;
}

describe('simulated activity', () => {
  let portfolio: Portfolio;
  beforeAll(() => {
    portfolio = simulatePortfolio(options);
  });

  it('fills a history longer than the default onboarding window from its first month', () => {
    // 60 months to 2025-07-01: customers must already be onboarded in 2020, or the first two years
    // of the requested history (two Spring Festivals, two Double 11s) come out empty.
    const long = simulatePortfolio({ seed: 'long', customers: 300, months: 60, asOf: '2025-07-01' });
    expect(long.range.from.toISOString()).toBe('2020-07-01T00:00:00.000Z');
    const byYear = new Map<string, number>();
    for (const t of long.transactions) byYear.set(t.occurredAt.toISOString().slice(0, 4), (byYear.get(t.occurredAt.toISOString().slice(0, 4)) ?? 0) + 1);
    for (const year of ['2020', '2021', '2022', '2023', '2024', '2025']) expect(byYear.get(year) ?? 0).toBeGreaterThan(0);
    expect(Math.min(...long.customers.map((c) => c.onboardedAt.getTime()))).toBeLessThan(Date.parse('2021-01-01T00:00:00Z'));
    // Histories within the default window keep the customers they always had.
    const short = simulatePortfolio({ seed: 'long', customers: 5, months: 36, asOf: '2025-07-01' });
    const same = simulatePortfolio({ seed: 'long', customers: 5, months: 12, asOf: '2025-07-01' });
    expect(short.customers).toEqual(same.customers);
  });

  it('needs the peak calendar to cover the range', () => {
    expect(simulatePortfolio({ seed: 1, customers: 2, months: 1, asOf: '2020-02-15' }).range.from.toISOString()).toBe('2020-01-15T00:00:00.000Z');
    expect(() => simulatePortfolio({ seed: 1, customers: 2, months: 1, asOf: '2020-01-10' })).toThrow(PeakCalendarError);
    expect(() => simulatePortfolio({ seed: 1, customers: 2, months: 0 })).toThrow(RangeError);
  });

  it('covers the months before asOf', () => {
    expect(portfolio.range).toEqual(simulationRange('2025-07-01', 12));
    expect(portfolio.range.from.toISOString()).toBe('2024-07-01T00:00:00.000Z');
    expect(portfolio.customers).toHaveLength(500);
    expect(portfolio.transactions.length).toBeGreaterThan(500 * 12 * 5);
    expect(portfolio.repayments.length).toBeGreaterThan(500 * 3);
    expect(portfolio.peaks.map((p) => p.code)).toEqual(expect.arrayContaining(['DOUBLE_11', 'SPRING_FESTIVAL', 'MID_YEAR_618']));
  });

  it('is identical for the same seed and different for another', () => {
    const small = { ...options, customers: 40 };
    const lines = (p: Portfolio): string[] => [...p.transactions.map(transactionLine), ...p.repayments.map(repaymentLine)];
    const first = simulatePortfolio(small);
    expect(lines(simulatePortfolio(small))).toEqual(lines(first));
    const firstIds = new Set(first.customers.map((c) => c.id));
    const prefix: Portfolio = {
      ...portfolio,
      transactions: portfolio.transactions.filter((t) => firstIds.has(t.customerId)),
      repayments: portfolio.repayments.filter((r) => firstIds.has(r.customerId)),
    };
    expect(lines(first)).toEqual(lines(prefix));
    const other = simulatePortfolio({ ...small, seed: 'another' });
    expect(other.transactions.map((t) => t.amount)).not.toEqual(first.transactions.map((t) => t.amount));
  });

  it('simulates customer k the same way whatever the portfolio size', () => {
    for (const index of [0, 7, 499]) {
      const alone = simulateCustomer(options, index);
      expect(alone.customer).toEqual(portfolio.customers[index]);
      expect(alone.transactions).toEqual(portfolio.transactions.filter((t) => t.customerId === alone.customer.id));
      expect(alone.repayments).toEqual(portfolio.repayments.filter((r) => r.customerId === alone.customer.id));
    }
    const { activities } = simulateActivities({ ...options, customers: 2, startIndex: 300 });
    expect([...activities].map((a) => a.customer)).toEqual(portfolio.customers.slice(300, 302));
  });

  it('gives every event a unique, stable id', () => {
    const ids = [...portfolio.transactions.map((t) => t.eventId), ...portfolio.repayments.map((r) => r.eventId)];
    expect(new Set(ids).size).toBe(ids.length);
    const bad = portfolio.transactions.filter((t) => !/^tx_[0-9a-f]{16}_\d{6}_\d+$/.test(t.eventId) || !t.eventId.includes(t.customerId.slice(2)));
    expect(bad).toEqual([]);
    expect(portfolio.repayments.filter((r) => !/^rp_[0-9a-f]{16}_\d{6}_(PL|CL)$/.test(r.eventId))).toEqual([]);
    // A shorter history ending at the same day keeps the ids of the months both contain.
    const shorter = simulateCustomer({ ...options, months: 3 }, 3);
    const full = new Map(portfolio.transactions.map((t) => [t.eventId, t]));
    expect(shorter.transactions.length).toBeGreaterThan(0);
    for (const t of shorter.transactions) expect(full.get(t.eventId)).toEqual(t);
  });

  it('keeps every event well formed and inside the range', () => {
    const { from, to } = portfolio.range;
    const onboarded = new Map(portfolio.customers.map((c) => [c.id, c.onboardedAt.getTime()]));
    const badTx = portfolio.transactions.filter(
      (t) =>
        !Number.isSafeInteger(t.amount) ||
        t.amount <= 0 ||
        t.occurredAt < from ||
        t.occurredAt >= to ||
        t.occurredAt.getTime() < onboarded.get(t.customerId)! ||
        !MERCHANT_CATEGORIES.includes(t.merchantCategory) ||
        (t.merchantCategory === 'CASH') !== (t.product === 'CASH_LOAN') ||
        !['ONLINE', 'OFFLINE'].includes(t.channel),
    );
    expect(badTx).toEqual([]);
    const badRp = portfolio.repayments.filter(
      (r) =>
        !Number.isSafeInteger(r.amount) ||
        r.amount <= 0 ||
        r.dueDate >= to ||
        r.dueDate.getUTCDate() !== 21 ||
        (r.paidAt !== null && (r.paidAt >= to || r.paidAt.getTime() < r.dueDate.getTime() - 21 * DAY_MS)),
    );
    expect(badRp).toEqual([]);
    const products = new Set(portfolio.transactions.map((t) => t.product));
    expect([...products].sort()).toEqual(['CASH_LOAN', 'OTHER', 'PAY_LATER']);
    const online = portfolio.transactions.filter((t) => t.channel === 'ONLINE').length / portfolio.transactions.length;
    expect(online).toBeGreaterThan(0.3);
    expect(online).toBeLessThan(0.9);
  });

  it('bills PAY_LATER purchases on the next statement', () => {
    // A customer who always pays in full owes exactly last month's PAY_LATER purchases.
    const prudent = portfolio.customers.filter((c) => c.archetype === 'PRUDENT_SAVER' && c.onboardedAt < portfolio.range.from);
    let checked = 0;
    for (const c of prudent) {
      const outcome = portfolio.outcomes.get(c.id)!;
      if (outcome.paidLate + outcome.missed > 0) continue;
      const repayments = portfolio.repayments.filter((r) => r.customerId === c.id && r.product === 'PAY_LATER');
      const purchases = portfolio.transactions.filter((t) => t.customerId === c.id && t.product === 'PAY_LATER');
      const august = repayments.find((r) => r.dueDate.toISOString().startsWith('2024-08-21'));
      const july = purchases.filter((t) => t.occurredAt.toISOString().startsWith('2024-07')).reduce((s, t) => s + t.amount, 0);
      if (july === 0) continue;
      if (august!.amount !== july) continue; // revolved; carried balance breaks the identity
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('leaves what each customer owes at the end: unbilled purchases at least, nothing on a line never used', () => {
    // statements are cut on the 1st, so June's purchases are billed only after asOf (2025-07-01)
    let owing = 0;
    for (const c of portfolio.customers) {
      const owed = portfolio.outcomes.get(c.id)!.owedAtEnd;
      const mine = portfolio.transactions.filter((t) => t.customerId === c.id);
      for (const product of ['CASH_LOAN', 'PAY_LATER'] as const) {
        expect(Number.isInteger(owed[product]) && owed[product] >= 0).toBe(true);
        if (!mine.some((t) => t.product === product)) expect(owed[product]).toBe(0);
      }
      const unbilled = mine.filter((t) => t.product === 'PAY_LATER' && t.occurredAt.toISOString() >= '2025-06-01').reduce((sum, t) => sum + t.amount, 0);
      expect(owed.PAY_LATER).toBeGreaterThanOrEqual(unbilled);
      // a cash draw is repaid in instalments, so last month's draws are still owed in full
      const recentDraws = mine.filter((t) => t.product === 'CASH_LOAN' && t.occurredAt.toISOString() >= '2025-06-01').reduce((sum, t) => sum + t.amount, 0);
      expect(owed.CASH_LOAN).toBeGreaterThanOrEqual(recentDraws);
      if (owed.CASH_LOAN + owed.PAY_LATER > 0) owing++;
    }
    expect(owing).toBeGreaterThan(portfolio.customers.length / 2);
  });

  it('makes riskier customers measurably more delinquent', () => {
    const rate = (archetypes: Archetype[]): { badShare: number; severe: number } => {
      let statements = 0;
      let bad = 0;
      let severe = 0;
      let customers = 0;
      for (const c of portfolio.customers) {
        if (!archetypes.includes(c.archetype)) continue;
        const o = portfolio.outcomes.get(c.id)!;
        customers++;
        statements += o.statements;
        bad += o.paidLate + o.missed;
        if (o.maxDaysPastDue >= 60) severe++;
      }
      return { badShare: bad / statements, severe: severe / customers };
    };
    const safe = rate(['PRUDENT_SAVER', 'STEADY_SPENDER']);
    const risky = rate(['STRUGGLING', 'FRAUD_LIKE']);
    expect(risky.badShare).toBeGreaterThan(3 * safe.badShare);
    expect(risky.severe).toBeGreaterThan(3 * safe.severe);
    expect(risky.severe).toBeGreaterThan(0.1);
    expect(risky.severe).toBeLessThan(0.8);

    const missedByPd = [...portfolio.customers].sort((a, b) => a.latentAnnualPd - b.latentAnnualPd);
    const q = Math.floor(missedByPd.length / 4);
    const missShare = (list: typeof missedByPd): number => {
      const o = list.map((c) => portfolio.outcomes.get(c.id)!);
      return o.reduce((s, x) => s + x.missed, 0) / Math.max(1, o.reduce((s, x) => s + x.statements, 0));
    };
    expect(missShare(missedByPd.slice(-q))).toBeGreaterThan(3 * missShare(missedByPd.slice(0, q)));

    const unpaid = portfolio.repayments.filter((r) => r.paidAt === null).length;
    expect(unpaid).toBeGreaterThan(0);
    expect(unpaid / portfolio.repayments.length).toBeLessThan(0.2);
    const frozen = portfolio.customers.filter((c) => portfolio.outcomes.get(c.id)!.frozenAt !== null);
    expect(frozen.length).toBeGreaterThan(0);
    // A frozen line takes no new credit after the freeze.
    for (const c of frozen) {
      const at = portfolio.outcomes.get(c.id)!.frozenAt!;
      expect(portfolio.transactions.filter((t) => t.customerId === c.id && t.product !== 'OTHER' && t.occurredAt >= at)).toEqual([]);
    }
  });

  it('puts more volume into peak windows', () => {
    const all = dailyCounts(portfolio);
    expect(meanPerDay(all, '2024-11-01', '2024-11-11')).toBeGreaterThan(1.8 * meanPerDay(all, '2024-10-01', '2024-10-31'));
    expect(meanPerDay(all, '2025-06-01', '2025-06-18')).toBeGreaterThan(1.4 * meanPerDay(all, '2025-05-01', '2025-05-31'));
    expect(meanPerDay(all, '2025-01-15', '2025-02-05')).toBeGreaterThan(1.3 * meanPerDay(all, '2024-12-01', '2024-12-31'));
    const cash = dailyCounts(portfolio, (t) => t.product === 'CASH_LOAN');
    expect(meanPerDay(cash, '2025-01-15', '2025-02-05')).toBeGreaterThan(1.1 * meanPerDay(cash, '2024-08-01', '2024-12-31'));

    const series = [...all].map(([date, volume]) => ({ date, volume }));
    const detected = detectPeaks(series);
    expect(detected.some((p) => p.start <= '2024-11-11' && p.end >= '2024-11-01' && p.days >= 5)).toBe(true);
  });
});
