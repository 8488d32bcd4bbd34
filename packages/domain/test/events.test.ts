import { assertEvent, eventProblems, type EventEnvelope } from '../src';

const score: EventEnvelope<'score.changed'> = {
  id: 'evt-00000001',
  type: 'score.changed',
  version: 1,
  source: 'credit-scoring',
  occurredAt: '2026-11-30T08:00:00.000Z',
  payload: {
    customerId: 'c_00000000000000a1',
    score: 612,
    probabilityOfDefault: 0.031,
    grade: 'B',
    reasonCodes: ['WORST_DELINQUENCY'],
    modelVersion: 'taiwan-statements-v1',
    scoredAt: '2026-11-30T08:00:00.000Z',
    region: '31',
    declaredIncome: 12_000_000,
    behaviour: { lifecycleStage: 'ACTIVE', onTimeRepaymentStreak: 4, currentDaysPastDue: 0, behaviourValue: 3_600_000, asOf: '2026-11-30T07:59:00.000Z' },
  },
};

it('accepts a valid envelope', () => {
  expect(eventProblems(score)).toEqual([]);
  expect(assertEvent(score)).toBe(score);
});

it('names every problem of a bad envelope or payload', () => {
  expect(eventProblems({ ...score, version: 2, type: 'x' })).toEqual(
    expect.arrayContaining(['type must be one of behaviour.updated, score.changed, limit.changed, utilisation.recorded', 'version must be 1']),
  );
  const bad = { ...score, payload: { ...score.payload, probabilityOfDefault: 1.5, grade: 'F', customerId: 'nope' } };
  expect(eventProblems(bad)).toEqual([
    'payload.customerId must be a customer id',
    'payload.probabilityOfDefault must be within [0, 1]',
    'payload.grade must be A–E',
  ]);
  expect(() => assertEvent(bad)).toThrow(/invalid event: payload.customerId/);
});

it('checks the behaviour a score carries, and accepts none at onboarding', () => {
  expect(eventProblems({ ...score, payload: { ...score.payload, behaviour: null } })).toEqual([]);
  const bad = { ...score, payload: { ...score.payload, region: '3', behaviour: { ...score.payload.behaviour, lifecycleStage: 'GONE', behaviourValue: 1.5 } } };
  expect(eventProblems(bad)).toEqual([
    'payload.region must be a two-digit province code',
    'payload.behaviour.lifecycleStage must be a lifecycle stage',
    'payload.behaviour.behaviourValue must be whole fen ≥ 0',
  ]);
});

it('checks behaviour statements month by month', () => {
  const event = {
    id: 'evt-00000002',
    type: 'behaviour.updated',
    version: 1,
    source: 'behaviour-analytics',
    occurredAt: '2026-11-30T08:00:00.000Z',
    payload: {
      customerId: 'c_00000000000000a1',
      lifecycleStage: 'ACTIVE',
      previousStage: 'NEW',
      onTimeRepaymentStreak: 6,
      worstDaysPastDue: 0,
      currentDaysPastDue: 0,
      behaviourValue: 250_000,
      asOf: '2026-11-30T08:00:00.000Z',
      statements: [{ month: '2026-11-01', limit: 100000, balance: 2500, repaid: 2500, status: -1 }, { month: '2026-10-15', limit: -1, balance: 0, repaid: 0, status: 20 }],
    },
  };
  expect(eventProblems(event)).toEqual([
    'payload.statements[1].month must be the first day of a month',
    'payload.statements[1].limit must be whole fen ≥ 0',
    'payload.statements[1].status must be -2..12',
  ]);
});
