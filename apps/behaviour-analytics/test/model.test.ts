import { deriveFeatures, wholeMonthsBetween } from '../src/model/features';
import { decideStage } from '../src/model/lifecycle';
import { parseLifecycleRules, loadLifecycleRules } from '../src/model/lifecycle-rules';
import { MAX_BATCH, repaymentProblems, transactionProblems, type TransactionEvent } from '../src/model/events';
import { currentDaysPastDue, overdueAt, type RepaymentRecord } from '../src/model/repayment-history';
import { buildStatements, lastMonths } from '../src/model/statements';
import { peakRangeProblems, peakWindows } from '../src/model/peaks';

const d = (iso: string) => new Date(iso);
const NOW = d('2026-06-30T12:00:00Z');
const rules = loadLifecycleRules();

function tx(i: number, patch: Partial<TransactionEvent> = {}): TransactionEvent {
  return {
    eventId: `t-${i}`,
    customerId: 'c_00000000000000a1',
    product: 'PAY_LATER',
    amount: 10_000,
    merchantCategory: 'GROCERY',
    channel: 'ONLINE',
    occurredAt: d('2026-06-01T10:00:00Z'),
    ...patch,
  };
}

describe('event validation', () => {
  it('accepts a clean batch', () => {
    expect(transactionProblems([tx(1), tx(2)], NOW)).toEqual([]);
  });

  it('names every bad item by index and field', () => {
    const problems = transactionProblems(
      [
        tx(0),
        tx(1, { amount: 0 }),
        tx(2, { amount: -5 }),
        tx(3, { amount: 1_000_000_001 }),
        tx(4, { occurredAt: d('2026-07-02T12:00:01Z') }),
        tx(5, { product: 'CREDIT_CARD' as never }),
        tx(6, { channel: 'PHONE' as never }),
        tx(7, { customerId: 'nobody' }),
        tx(0),
      ],
      NOW,
    );
    expect(problems.map((p) => p.path)).toEqual([
      'input[1].amount',
      'input[2].amount',
      'input[3].amount',
      'input[4].occurredAt',
      'input[5].product',
      'input[6].channel',
      'input[7].customerId',
      'input[8].eventId',
    ]);
    expect(problems.at(-1)?.reason).toMatch(/duplicates input\[0\]/);
  });

  it('accepts amounts up to CNY 10 million per event', () => {
    expect(transactionProblems([tx(1, { amount: 1_000_000_000 }), tx(2, { amount: 1 })], NOW)).toEqual([]);
  });

  it('allows a day of clock drift and no more', () => {
    expect(transactionProblems([tx(1, { occurredAt: d('2026-07-01T12:00:00Z') })], NOW)).toEqual([]);
    expect(transactionProblems([tx(1, { occurredAt: d('2026-07-01T12:00:00.001Z') })], NOW)).toHaveLength(1);
  });

  it('refuses empty and oversized batches as a whole', () => {
    expect(transactionProblems([], NOW)).toEqual([{ path: 'input', reason: 'must hold at least one event' }]);
    const big = Array.from({ length: MAX_BATCH + 1 }, (_, i) => tx(i));
    expect(transactionProblems(big, NOW)).toEqual([{ path: 'input', reason: expect.stringMatching(/at most 10000/) }]);
  });

  it('refuses a missed repayment due in the future', () => {
    const base = { eventId: 'r1', customerId: 'c_00000000000000a1', product: 'PAY_LATER' as const, amount: 5000 };
    expect(repaymentProblems([{ ...base, dueDate: d('2026-06-21T00:00:00Z'), paidAt: null }], NOW)).toEqual([]);
    expect(repaymentProblems([{ ...base, dueDate: d('2026-07-21T00:00:00Z'), paidAt: null }], NOW).map((p) => p.path)).toEqual(['input[0].dueDate']);
    expect(repaymentProblems([{ ...base, dueDate: d('2026-07-21T00:00:00Z'), paidAt: d('2026-06-29T00:00:00Z') }], NOW)).toEqual([]);
  });

  it('gives a missed repayment none of the day of drift other events get: it cannot be missed before it is due', () => {
    const missed = { eventId: 'r1', customerId: 'c_00000000000000a1', product: 'PAY_LATER' as const, amount: 5000, paidAt: null };
    expect(repaymentProblems([{ ...missed, dueDate: NOW }], NOW)).toEqual([]);
    expect(repaymentProblems([{ ...missed, dueDate: d('2026-06-30T12:00:00.001Z') }], NOW)).toEqual([{ path: 'input[0].dueDate', reason: 'of a missed payment cannot be in the future' }]);
    expect(repaymentProblems([{ ...missed, dueDate: d('2026-07-01T00:00:00Z') }], NOW).map((p) => p.path)).toEqual(['input[0].dueDate']);
  });
});

describe('repayment history', () => {
  const missedThenCured: RepaymentRecord[] = [
    { product: 'PAY_LATER', amount: 5000, dueDate: d('2026-03-21T00:00:00Z'), paidAt: null },
    { product: 'PAY_LATER', amount: 9000, dueDate: d('2026-04-21T00:00:00Z'), paidAt: d('2026-05-01T00:00:00Z') },
    { product: 'CASH_LOAN', amount: 7000, dueDate: d('2026-05-21T00:00:00Z'), paidAt: null },
  ];

  it('cures a missed amount with the next payment of the same product only', () => {
    const overdue = overdueAt(missedThenCured, NOW);
    const days = (due: string) => overdue.find((o) => o.record.dueDate.toISOString().startsWith(due))!;
    expect(days('2026-03-21')).toMatchObject({ days: 41, open: false });
    expect(days('2026-04-21')).toMatchObject({ days: 10, open: false });
    expect(days('2026-05-21')).toMatchObject({ days: 40, open: true });
    expect(currentDaysPastDue(overdue)).toBe(40);
  });

  it('ignores what happens after asOf', () => {
    expect(currentDaysPastDue(overdueAt(missedThenCured, d('2026-04-30T00:00:00Z')))).toBe(40);
  });
});

describe('features', () => {
  it('derives per-window figures from sums and repayments', () => {
    const f = deriveFeatures({
      asOf: NOW,
      activity: [
        { days: 30, transactionCount: 4, spend: 10_001, activeDays: 3, onlineCount: 1, spendByCategory: { GROCERY: 7_501, DINING: 2_500 } },
        { days: 365, transactionCount: 10, spend: 50_000, activeDays: 9, onlineCount: 5, spendByCategory: { GROCERY: 50_000 } },
      ],
      overdue: overdueAt([
        { product: 'PAY_LATER', amount: 3000, dueDate: d('2026-06-21T00:00:00Z'), paidAt: d('2026-06-20T00:00:00Z') },
        { product: 'PAY_LATER', amount: 1000, dueDate: d('2026-05-21T00:00:00Z'), paidAt: d('2026-05-30T00:00:00Z') },
      ], NOW),
      firstUsedAt: d('2025-06-30T12:00:01Z'),
      lastTransactionAt: d('2026-06-28T12:00:00Z'),
    });
    const [w30, w90, w365] = f.windows;
    expect(w30).toEqual({
      days: 30,
      transactionCount: 4,
      spend: 10_001,
      averageTicket: 2_500,
      activeDays: 3,
      onlineShare: 0.25,
      categoryMix: [{ category: 'GROCERY', share: 0.75 }, { category: 'DINING', share: 0.25 }],
      repaymentRatio: 1,
      worstDaysPastDue: 0,
    });
    expect(w90).toMatchObject({ transactionCount: 0, spend: 0, averageTicket: 0, onlineShare: 0, repaymentRatio: 0.75, worstDaysPastDue: 9 });
    expect(w365).toMatchObject({ transactionCount: 10, onlineShare: 0.5 });
    expect(f.monthsSinceFirstUse).toBe(11);
    expect(f.daysSinceLastTransaction).toBe(2);
  });

  it('counts an amount still unpaid in the worst days past due of every window, however long ago it fell due', () => {
    const f = deriveFeatures({
      asOf: NOW,
      activity: [],
      overdue: overdueAt([
        // 40 days past due at asOf, due before the 30-day window began.
        { product: 'PAY_LATER', amount: 4000, dueDate: d('2026-05-21T00:00:00Z'), paidAt: null },
        // Paid 20 days late within the last 30 days, though due before them.
        { product: 'CASH_LOAN', amount: 2000, dueDate: d('2026-05-25T00:00:00Z'), paidAt: d('2026-06-14T00:00:00Z') },
        // Settled before the 30-day window: only the longer windows remember it.
        { product: 'CASH_LOAN', amount: 2000, dueDate: d('2026-03-25T00:00:00Z'), paidAt: d('2026-05-14T00:00:00Z') },
      ], NOW),
      firstUsedAt: null,
      lastTransactionAt: null,
    });
    expect(f.currentDaysPastDue).toBe(40);
    expect(f.windows.map((w) => [w.days, w.worstDaysPastDue])).toEqual([[30, 40], [90, 50], [365, 50]]);
    // The ratio stays about the amounts due in the window.
    expect(f.windows.map((w) => w.repaymentRatio)).toEqual([null, 0, 0]);
  });

  it('counts whole months only', () => {
    expect(wholeMonthsBetween(d('2026-01-31T00:00:00Z'), d('2026-02-28T00:00:00Z'))).toBe(0);
    expect(wholeMonthsBetween(d('2026-01-15T00:00:00Z'), d('2026-03-15T00:00:00Z'))).toBe(2);
  });
});

describe('lifecycle rules', () => {
  const features = (patch: { currentDaysPastDue?: number; worst365?: number; idle?: number | null }) => ({
    windows: [{ days: 365, worstDaysPastDue: patch.worst365 ?? 0 }] as never,
    currentDaysPastDue: patch.currentDaysPastDue ?? 0,
    monthsSinceFirstUse: 3,
    daysSinceLastTransaction: patch.idle === undefined ? 1 : patch.idle,
  });
  const longAgo = d('2025-01-01T00:00:00Z');

  it('puts risk first, then newness, then dormancy', () => {
    expect(decideStage(features({ currentDaysPastDue: 30 }), NOW, NOW, rules)).toEqual({ stage: 'HIGH_RISK', reason: '30 days past due (threshold 30)' });
    expect(decideStage(features({ worst365: 60 }), longAgo, NOW, rules).stage).toBe('HIGH_RISK');
    expect(decideStage(features({ currentDaysPastDue: 29, worst365: 59 }), d('2026-04-02T12:00:00Z'), NOW, rules).stage).toBe('NEW');
    expect(decideStage(features({ idle: 90 }), longAgo, NOW, rules).stage).toBe('DORMANT');
    expect(decideStage(features({ idle: null }), longAgo, NOW, rules).reason).toBe('no transactions');
    expect(decideStage(features({ idle: 89 }), longAgo, NOW, rules).stage).toBe('ACTIVE');
  });

  it('says how late an ACTIVE customer is while under the HIGH_RISK threshold, not that they are current', () => {
    expect(decideStage(features({ idle: 3 }), longAgo, NOW, rules).reason).toBe('transacted 3 days ago and current on repayments');
    expect(decideStage(features({ idle: 3, currentDaysPastDue: 10 }), longAgo, NOW, rules)).toEqual({ stage: 'ACTIVE', reason: 'transacted 3 days ago and 10 days past due (HIGH_RISK from 30)' });
  });

  it('takes thresholds from configuration and refuses a broken rule set', () => {
    expect(rules.version).toBe('lifecycle-v2');
    const stricter = parseLifecycleRules({ ...rules, highRisk: { currentDaysPastDue: 5, worstDaysPastDue365: 90 } });
    expect(decideStage(features({ currentDaysPastDue: 5 }), longAgo, NOW, stricter).stage).toBe('HIGH_RISK');
    expect(() => parseLifecycleRules({ ...rules, newCustomerDays: -1 })).toThrow(/whole-day thresholds/);
    expect(() => parseLifecycleRules({ ...rules, version: '' })).toThrow();
  });
});

describe('statements', () => {
  it('counts a due paid early, in the month before, as paid in full', () => {
    const statements = buildStatements({
      months: ['2026-05-01', '2026-04-01'],
      activity: [{ month: '2026-04-01', creditSpend: 3000, repaid: 3000 }],
      overdue: overdueAt([{ product: 'PAY_LATER', amount: 3000, dueDate: d('2026-05-21T00:00:00Z'), paidAt: d('2026-04-30T00:00:00Z') }], NOW),
      limits: [],
      asOf: NOW,
    });
    expect(statements.map((s) => [s.month, s.delinquencyStatus])).toEqual([
      ['2026-05-01', -1],
      ['2026-04-01', 0],
    ]);
  });

  it('gives -2, -1, 0 and months late', () => {
    const statements = buildStatements({
      months: lastMonths(NOW, 5),
      activity: [
        { month: '2026-02-01', creditSpend: 4000, repaid: 0 },
        { month: '2026-03-01', creditSpend: 2000, repaid: 4000 },
        { month: '2026-04-01', creditSpend: 3000, repaid: 500 },
      ],
      overdue: overdueAt([
        { product: 'PAY_LATER', amount: 4000, dueDate: d('2026-03-21T00:00:00Z'), paidAt: d('2026-03-20T00:00:00Z') },
        { product: 'PAY_LATER', amount: 500, dueDate: d('2026-04-21T00:00:00Z'), paidAt: d('2026-04-21T00:00:00Z') },
        { product: 'PAY_LATER', amount: 300, dueDate: d('2026-05-21T00:00:00Z'), paidAt: null },
      ], NOW),
      limits: [
        { decidedAt: d('2026-05-15T00:00:00Z'), jointLimit: 80_000 },
        { decidedAt: d('2026-03-10T00:00:00Z'), jointLimit: 50_000 },
        { decidedAt: d('2026-06-30T13:00:00Z'), jointLimit: 99_000 },
      ],
      asOf: NOW,
    });
    // May's 3.00 is 10 days late at May's end and still unpaid 40 days on, at asOf in June.
    expect(statements.map((s) => [s.month, s.delinquencyStatus])).toEqual([
      ['2026-06-01', 2],
      ['2026-05-01', 1],
      ['2026-04-01', 0],
      ['2026-03-01', -1],
      ['2026-02-01', 0],
    ]);
    expect(statements[3]).toMatchObject({ statementBalance: 2000, amountRepaid: 4000 });
    // Known at each month's end; a decision after asOf is not known yet.
    expect(statements.map((s) => s.limit)).toEqual([80_000, 80_000, 50_000, 50_000, null]);
  });

  it('keeps an unpaid amount late in every month it stays unpaid, counted at each month end', () => {
    const statements = buildStatements({
      months: lastMonths(NOW, 6),
      activity: [
        { month: '2026-01-01', creditSpend: 4000, repaid: 0 },
        { month: '2026-02-01', creditSpend: 0, repaid: 4000 },
      ],
      overdue: overdueAt([
        { product: 'PAY_LATER', amount: 4000, dueDate: d('2026-02-21T00:00:00Z'), paidAt: null },
      ], NOW),
      limits: [],
      asOf: NOW,
    });
    // 7 days late at the end of February, 38 at March's, ..., 129 at asOf: never "no use" while unpaid.
    expect(statements.map((s) => [s.month, s.delinquencyStatus])).toEqual([
      ['2026-06-01', 5],
      ['2026-05-01', 4],
      ['2026-04-01', 3],
      ['2026-03-01', 2],
      ['2026-02-01', 1],
      ['2026-01-01', 0],
    ]);
  });

  it('stops counting a late amount once it is paid, and dates its lateness by the month it fell due', () => {
    const statements = buildStatements({
      months: lastMonths(NOW, 3),
      activity: [{ month: '2026-04-01', creditSpend: 4000, repaid: 0 }, { month: '2026-05-01', creditSpend: 0, repaid: 4000 }],
      overdue: overdueAt([{ product: 'PAY_LATER', amount: 4000, dueDate: d('2026-04-21T00:00:00Z'), paidAt: d('2026-05-25T00:00:00Z') }], NOW),
      limits: [],
      asOf: NOW,
    });
    expect(statements.map((s) => [s.month, s.delinquencyStatus])).toEqual([
      ['2026-06-01', -2],
      ['2026-05-01', 2],
      ['2026-04-01', 1],
    ]);
  });
});

describe('peaks', () => {
  it('serves calendar windows and detected volume peaks together', () => {
    const volume = Array.from({ length: 60 }, (_, i) => ({
      day: new Date(Date.UTC(2026, 8, 1 + i)).toISOString().slice(0, 10),
      transactions: i === 45 ? 500 : 100,
    }));
    const windows = peakWindows('2026-10-01', '2026-11-30', volume);
    expect(windows.map((w) => [w.source, w.code, w.start, w.end])).toEqual([
      ['DETECTED', 'DETECTED', '2026-10-16', '2026-10-16'],
      ['CALENDAR', 'DOUBLE_11', '2026-11-01', '2026-11-11'],
    ]);
    expect(windows[0]?.multiplier).toBe(5);
  });

  it('reports no detected peak where the trailing median is zero, so the multiplier stays a ratio', () => {
    // A quiet platform: 12 transactions every third day and nothing in between, so every trailing
    // median is 0. No day is "well above" a baseline that does not exist.
    const sparse = Array.from({ length: 40 }, (_, i) => ({
      day: new Date(Date.UTC(2026, 3, 1 + i)).toISOString().slice(0, 10),
      transactions: i % 3 === 0 ? 12 : 0,
    })).filter((v) => v.transactions > 0);
    expect(peakWindows('2026-04-20', '2026-05-10', sparse).filter((w) => w.source === 'DETECTED')).toEqual([]);
    // Volume resuming after a two-week gap (an ingestion outage) is not a peak either.
    const resumed = Array.from({ length: 50 }, (_, i) => ({
      day: new Date(Date.UTC(2026, 3, 1 + i)).toISOString().slice(0, 10),
      transactions: i >= 10 && i < 26 ? 0 : 1_000,
    })).filter((v) => v.transactions > 0);
    const windows = peakWindows('2026-04-20', '2026-05-20', resumed);
    expect(windows.filter((w) => w.source === 'DETECTED')).toEqual([]);
    // A genuine peak on a positive baseline is still reported, as a ratio.
    const withPeak = resumed.map((v) => (v.day === '2026-05-15' ? { ...v, transactions: 3_000 } : v));
    expect(peakWindows('2026-04-20', '2026-05-20', withPeak).filter((w) => w.source === 'DETECTED').map((w) => [w.start, w.multiplier])).toEqual([
      ['2026-05-15', 3],
    ]);
  });

  it('bounds the range to the lunar table and three years', () => {
    expect(peakRangeProblems('2026-01-01', '2026-12-31')).toEqual([]);
    expect(peakRangeProblems('2019-12-01', '2020-01-31').map((p) => p.path)).toEqual(['from']);
    expect(peakRangeProblems('2026-02-01', '2026-01-01').map((p) => p.path)).toEqual(['to']);
    expect(peakRangeProblems('2020-01-01', '2025-01-01').map((p) => p.path)).toEqual(['to']);
  });
});
