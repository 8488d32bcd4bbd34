import { yuan } from '@jc/domain';
import { DEFAULT_CONFIG, jointLimitAfter, jointOverlap, optimisePortfolio } from '../src';
import { activeCustomer } from './helpers/customer';

describe('joint limit', () => {
  test('moves with the sub-limits while they overlap within it', () => {
    expect(jointLimitAfter(yuan(200_000), yuan(240_000), yuan(250_000))).toBe(yuan(210_000));
    expect(jointLimitAfter(yuan(100_000), yuan(120_000), yuan(90_000))).toBe(yuan(70_000));
  });

  test('with room above the sub-limits it stays unless they outgrow it, and is never cut by them', () => {
    expect(jointLimitAfter(yuan(10_000), yuan(5_000), yuan(6_000))).toBe(yuan(10_000));
    expect(jointLimitAfter(yuan(10_000), yuan(5_000), yuan(2_500))).toBe(yuan(10_000));
    expect(jointLimitAfter(yuan(10_000), yuan(5_000), yuan(12_000))).toBe(yuan(12_000));
  });

  test('the overlap is measured against the joint limit given, none without one', () => {
    expect(jointOverlap(activeCustomer({ currentJointLimit: yuan(20_000) }))).toBe(yuan(4_000));
    expect(jointOverlap(activeCustomer({ currentJointLimit: yuan(30_000) }))).toBe(0);
    expect(jointOverlap(activeCustomer())).toBe(0);
  });

  test('a line at the person cap with overlapping sub-limits is neither raised above the cap nor counted above it', () => {
    // joint 200,000 (the cap) shared by 160,000 + 80,000
    const c = activeCustomer({
      tier: 'HIGH_VALUE',
      annualIncome: yuan(2_000_000),
      currentJointLimit: yuan(200_000),
      cashLoan: { current: yuan(160_000), drawn: 0, apr: 0.15 },
      payLater: { current: yuan(80_000), drawn: 0 },
    });
    const r = optimisePortfolio({ customers: [c], budget: yuan(1_000_000), config: { ...DEFAULT_CONFIG, policy: { ...DEFAULT_CONFIG.policy, ACTIVE: { CASH_LOAN: { ...DEFAULT_CONFIG.policy.ACTIVE.CASH_LOAN, max: yuan(300_000) }, PAY_LATER: { ...DEFAULT_CONFIG.policy.ACTIVE.PAY_LATER, max: yuan(300_000) } } } } });
    expect(r.floorExposure).toBe(yuan(200_000));
    expect(r.before.exposure).toBe(yuan(200_000));
    const d = r.decisions[0]!;
    expect(d.jointLimit).toBe(yuan(200_000));
    expect(d.exposureAfter).toBe(yuan(200_000));
    expect(r.after.exposure).toBe(yuan(200_000));
  });
});
