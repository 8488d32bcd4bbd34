import { decideStage } from '../src/model/lifecycle';
import { loadLifecycleRules } from '../src/model/lifecycle-rules';
import type { RepaymentRecord } from '../src/model/repayment-history';
import { nextStageCheck, stageAt, stageChangesBetween, type StageHistoryInputs } from '../src/model/stage-timeline';

/** When time alone moves a stage: the next instant worth a derivation, and the date of each change. */
const rules = loadLifecycleRules();
const d = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);
const missed = (due: string, paidAt: string | null = null): RepaymentRecord => ({ product: 'PAY_LATER', amount: 5_000, dueDate: d(due), paidAt: paidAt ? d(paidAt) : null });
const customer = (patch: Partial<StageHistoryInputs> = {}): StageHistoryInputs => ({
  firstSeenAt: d('2026-01-05T10:00:00Z'),
  transactionTimes: [ms('2026-01-20T10:00:00Z')],
  repayments: [],
  ...patch,
});

describe('next stage check', () => {
  it('is the first threshold ahead: newness, then dormancy', () => {
    expect(nextStageCheck(customer(), d('2026-02-01T00:00:00Z'), rules)).toEqual(d('2026-04-05T10:00:00Z'));
    expect(nextStageCheck(customer(), d('2026-04-05T10:00:00Z'), rules)).toEqual(d('2026-04-20T10:00:00Z'));
  });

  it('is when an unpaid amount reaches 30 and then 60 days past due', () => {
    const late = customer({ firstSeenAt: d('2025-01-01T00:00:00Z'), transactionTimes: [ms('2026-06-25T00:00:00Z')], repayments: [missed('2026-06-21T00:00:00Z')] });
    expect(nextStageCheck(late, d('2026-07-01T00:00:00Z'), rules)).toEqual(d('2026-07-21T00:00:00Z'));
    expect(nextStageCheck(late, d('2026-07-21T00:00:00Z'), rules)).toEqual(d('2026-08-20T00:00:00Z'));
  });

  it('is when a cured 60-day arrear leaves the 365-day window, which ends HIGH_RISK', () => {
    const cured = customer({
      firstSeenAt: d('2025-01-01T00:00:00Z'),
      transactionTimes: [ms('2026-05-25T00:00:00Z')],
      // March's amount, cured by April's payment on 1 June, was 72 days late.
      repayments: [missed('2025-03-21T00:00:00Z'), missed('2025-04-21T00:00:00Z', '2025-06-01T00:00:00Z')],
    });
    expect(stageAt(cured, ms('2026-05-31T23:59:59Z'), rules).stage).toBe('HIGH_RISK');
    expect(nextStageCheck(cured, d('2026-05-26T00:00:00Z'), rules)).toEqual(d('2026-06-01T00:00:00Z'));
    expect(stageAt(cured, ms('2026-06-01T00:00:00Z'), rules).stage).toBe('ACTIVE');
  });

  it('is none when nothing can change without a new event', () => {
    const idleForGood = customer({ transactionTimes: [] });
    expect(nextStageCheck(idleForGood, d('2026-06-01T00:00:00Z'), rules)).toBeNull();
  });
});

describe('stage changes between two derivations', () => {
  const decidedAt = (input: StageHistoryInputs, iso: string) => {
    const at = ms(iso);
    return stageAt(input, at, rules);
  };

  it('dates each threshold crossed at the crossing, however late the derivation', () => {
    const input = customer();
    const decided = decidedAt(input, '2026-05-01T00:00:00Z');
    expect(decided.stage).toBe('DORMANT');
    expect(stageChangesBetween(input, { stage: 'NEW', asOf: d('2026-04-01T00:00:00Z') }, d('2026-05-01T00:00:00Z'), decided, rules)).toEqual([
      { from: 'NEW', stage: 'ACTIVE', at: d('2026-04-05T10:00:00Z'), reason: 'transacted 75 days ago and current on repayments' },
      { from: 'ACTIVE', stage: 'DORMANT', at: d('2026-04-20T10:00:00Z'), reason: 'no transaction for 90 days (threshold 90)' },
    ]);
  });

  it('dates a change an event made at the event, and finds a stage that came and went between two derivations', () => {
    const input = customer({ firstSeenAt: d('2025-01-01T00:00:00Z'), transactionTimes: [ms('2026-01-20T10:00:00Z'), ms('2026-04-25T08:00:00Z')] });
    const decided = decidedAt(input, '2026-05-01T00:00:00Z');
    expect(stageChangesBetween(input, { stage: 'ACTIVE', asOf: d('2026-04-01T00:00:00Z') }, d('2026-05-01T00:00:00Z'), decided, rules).map((c) => [c.from, c.stage, c.at.toISOString()])).toEqual([
      ['ACTIVE', 'DORMANT', '2026-04-20T10:00:00.000Z'],
      ['DORMANT', 'ACTIVE', '2026-04-25T08:00:00.000Z'],
    ]);
  });

  it('dates at asOf what only arrived since: the stage stored then was what was known then', () => {
    // A missed payment recorded late: by the data the customer was HIGH_RISK before the stored ACTIVE was derived.
    const input = customer({ firstSeenAt: d('2025-01-01T00:00:00Z'), transactionTimes: [ms('2026-04-25T08:00:00Z')], repayments: [missed('2026-02-21T00:00:00Z')] });
    const decided = decidedAt(input, '2026-05-01T00:00:00Z');
    expect(stageChangesBetween(input, { stage: 'ACTIVE', asOf: d('2026-04-30T00:00:00Z') }, d('2026-05-01T00:00:00Z'), decided, rules)).toEqual([
      { from: 'ACTIVE', stage: 'HIGH_RISK', at: d('2026-05-01T00:00:00Z'), reason: decided.reason },
    ]);
  });

  it('never dates a change before the derivation that stored the previous stage, and finds none without a change', () => {
    const input = customer();
    const decided = decidedAt(input, '2026-05-01T00:00:00Z');
    const previous = { stage: 'ACTIVE' as const, asOf: d('2026-05-02T00:00:00Z') };
    expect(stageChangesBetween(input, previous, d('2026-05-01T00:00:00Z'), decided, rules).map((c) => c.at)).toEqual([previous.asOf]);
    expect(stageChangesBetween(input, { stage: 'DORMANT', asOf: d('2026-04-30T00:00:00Z') }, d('2026-05-01T00:00:00Z'), decided, rules)).toEqual([]);
  });

  it('agrees with the derivation at every instant it walks', () => {
    const input = customer({ repayments: [missed('2026-02-21T00:00:00Z', '2026-04-02T00:00:00Z')] });
    const at = ms('2026-06-01T00:00:00Z');
    const idle = Math.floor((at - ms('2026-01-20T10:00:00Z')) / 86_400_000);
    const features = { windows: [{ days: 365, worstDaysPastDue: 40 }] as never, currentDaysPastDue: 0, monthsSinceFirstUse: 4, daysSinceLastTransaction: idle };
    expect(stageAt(input, at, rules)).toEqual(decideStage(features, input.firstSeenAt, new Date(at), rules));
  });
});
