import { yuan } from '@jc/domain';
import { DEFAULT_CONFIG, customerBounds, resolveConfig } from '../src';
import { activeCustomer } from './helpers/customer';

describe('line bounds', () => {
  test('ACTIVE: cash loan may rise by the larger of 50% and CNY 5,000, never fall; pay later by the larger of 10% and CNY 500', () => {
    const b = customerBounds(activeCustomer(), DEFAULT_CONFIG);
    expect(b.cashLoan).toEqual({ lo: yuan(20_000), hi: yuan(30_000), loSource: 'MAX_CHANGE', hiSource: 'MAX_CHANGE' });
    expect(b.payLater).toEqual({ lo: yuan(4_000), hi: yuan(4_500), loSource: 'MAX_CHANGE', hiSource: 'MAX_CHANGE' });
    const small = customerBounds(activeCustomer({ cashLoan: { current: yuan(2_000), drawn: 0, apr: 0.15 } }), DEFAULT_CONFIG);
    expect(small.cashLoan.hi).toBe(yuan(7_000));
  });

  test("the customer's own change limit narrows the band both ways, but not a first grant", () => {
    const b = customerBounds(activeCustomer({ maxChangeFraction: 0.3, stage: 'DORMANT' }), DEFAULT_CONFIG);
    // DORMANT: no increase, cuts up to 50%; the customer's 30% narrows the cut.
    expect(b.cashLoan).toMatchObject({ lo: yuan(14_000), hi: yuan(20_000) });
    const up = customerBounds(activeCustomer({ maxChangeFraction: 0.3 }), DEFAULT_CONFIG);
    expect(up.cashLoan.hi).toBe(yuan(26_000));
    const fresh = customerBounds(activeCustomer({ maxChangeFraction: 0.3, cashLoan: { current: 0, drawn: 0, apr: 0.15 } }), DEFAULT_CONFIG);
    expect(fresh.cashLoan.hi).toBe(yuan(5_000));
  });

  test('NEW customers get no cash loan from the optimiser; one the policy opened is held, not cut', () => {
    const b = customerBounds(activeCustomer({ stage: 'NEW', cashLoan: { current: 0, drawn: 0, apr: 0.15 } }), DEFAULT_CONFIG);
    expect(b.cashLoan).toMatchObject({ lo: 0, hi: 0, hiSource: 'POLICY_MAX' });
    const opened = customerBounds(activeCustomer({ stage: 'NEW', cashLoan: { current: yuan(3_000), drawn: 0, apr: 0.15 } }), DEFAULT_CONFIG);
    expect(opened.cashLoan).toMatchObject({ lo: yuan(3_000), hi: yuan(3_000) });
  });

  test('an off-grid current limit whose band holds no grid point stays where it is', () => {
    // a drawn floor left the line at 10,050; HIGH_RISK may not rise and it is fully drawn
    const held = customerBounds(activeCustomer({ stage: 'HIGH_RISK', tier: 'HIGH_RISK', cashLoan: { current: yuan(10_050), drawn: yuan(10_050), apr: 0.2 } }), DEFAULT_CONFIG);
    expect(held.cashLoan).toMatchObject({ lo: yuan(10_050), hi: yuan(10_050), loSource: 'NEVER_BELOW_DRAWN' });
    // with room to fall, the floor is the grid point above drawn, still not above today's limit
    const cut = customerBounds(activeCustomer({ stage: 'HIGH_RISK', tier: 'HIGH_RISK', cashLoan: { current: yuan(10_050), drawn: yuan(9_020), apr: 0.2 } }), DEFAULT_CONFIG);
    expect(cut.cashLoan).toMatchObject({ lo: yuan(9_100), hi: yuan(10_000) });
  });

  test('sub-limits that overlap within the joint limit: floors at the overlap, cap on the joint limit', () => {
    // joint 20,000 shared by 20,000 cash loan and 4,000 pay later: overlap 4,000
    const c = activeCustomer({ stage: 'DORMANT', currentJointLimit: yuan(20_000), payLater: { current: yuan(4_000), drawn: 0 } });
    const b = customerBounds(c, DEFAULT_CONFIG);
    expect(b.overlap).toBe(yuan(4_000));
    expect(b.payLater).toMatchObject({ lo: yuan(4_000), loSource: 'JOINT_OVERLAP' });
    expect(b.cashLoan.lo).toBe(yuan(10_000));
    expect(b.cap).toBe(yuan(150_000 + 4_000));
    // a joint limit with room above the sub-limits: no overlap, nothing changes
    expect(customerBounds(activeCustomer({ currentJointLimit: yuan(30_000) }), DEFAULT_CONFIG)).toMatchObject({ overlap: 0, cap: yuan(150_000) });
  });

  test("the customer's own change per review holds the joint limit too", () => {
    // joint 20,000, sub-limits 20,000 + 4,000; 30% per review
    const c = activeCustomer({ maxChangeFraction: 0.3, currentJointLimit: yuan(20_000), payLater: { current: yuan(4_000), drawn: 0 } });
    const up = customerBounds(c, DEFAULT_CONFIG);
    expect(up).toMatchObject({ cap: yuan(24_000 + 6_000), capSource: 'MAX_CHANGE' });
    // DORMANT may cut both by 30%, which would take the joint limit from 20,000 to 12,800 (−36%)
    const down = customerBounds({ ...c, stage: 'DORMANT' }, DEFAULT_CONFIG);
    const lowest = down.cashLoan.lo + down.payLater.lo - down.overlap;
    expect(lowest).toBeGreaterThanOrEqual(yuan(14_000));
    expect(lowest).toBeLessThan(yuan(14_000 + 2 * 100));
    expect(down.cashLoan.loSource).toBe('MAX_CHANGE');
  });

  test('a line above its policy max moves toward it as far as the change band allows', () => {
    const b = customerBounds(activeCustomer({ stage: 'HIGH_RISK', tier: 'HIGH_RISK', cashLoan: { current: yuan(40_000), drawn: 0, apr: 0.2 } }), DEFAULT_CONFIG);
    // Policy max 20,000 × 0.5 (tier) = 10,000; the band allows only down to 20,000 this review.
    expect(b.cashLoan).toEqual({ lo: yuan(20_000), hi: yuan(20_000), loSource: 'MAX_CHANGE', hiSource: 'POLICY_MAX' });
  });

  test('never below drawn beats policy and band, rounded up to the grid', () => {
    const b = customerBounds(activeCustomer({ stage: 'HIGH_RISK', tier: 'HIGH_RISK', cashLoan: { current: yuan(40_000), drawn: yuan(31_234.56), apr: 0.2 } }), DEFAULT_CONFIG);
    expect(b.cashLoan).toMatchObject({ lo: yuan(31_300), hi: yuan(31_300), loSource: 'NEVER_BELOW_DRAWN' });
  });

  test('a policy minimum above the band is approached from below', () => {
    const config = resolveConfig({ policy: { ACTIVE: { PAY_LATER: { min: yuan(10_000) } } } });
    const b = customerBounds(activeCustomer(), config);
    expect(b.payLater).toEqual({ lo: yuan(4_500), hi: yuan(4_500), loSource: 'POLICY_MIN', hiSource: 'MAX_CHANGE' });
  });

  test('joint cap is the regulatory cap unless the tier joint maximum is lower', () => {
    expect(customerBounds(activeCustomer({ tier: 'HIGH_VALUE' }), DEFAULT_CONFIG)).toMatchObject({ cap: yuan(200_000), capSource: 'REGULATORY_CAP' });
    expect(customerBounds(activeCustomer({ tier: 'MEDIUM_RISK' }), DEFAULT_CONFIG)).toMatchObject({ cap: yuan(80_000), capSource: 'POLICY_MAX' });
    const low = resolveConfig({ regulatoryCap: yuan(25_000) });
    const b = customerBounds(activeCustomer(), low);
    expect(b).toMatchObject({ cap: yuan(25_000), capSource: 'REGULATORY_CAP' });
    expect(b.cashLoan).toMatchObject({ hi: yuan(25_000), hiSource: 'REGULATORY_CAP' });
  });

  test('off-grid current limits are put on the grid', () => {
    const b = customerBounds(activeCustomer({ stage: 'DORMANT', payLater: { current: yuan(4_050.5), drawn: 0 } }), DEFAULT_CONFIG);
    expect(b.payLater.lo % DEFAULT_CONFIG.step).toBe(0);
    expect(b.payLater.hi % DEFAULT_CONFIG.step).toBe(0);
    expect(b.payLater.hi).toBe(yuan(4_000));
  });
});
