import { allocationInput, EMPTY_ALLOCATION_FORM } from '../../src/pages/allocation/allocation-form';
import { peakLabel } from '../../src/i18n/peak-label';
import { segmentLabel } from '../../src/pages/allocation/ChampionChallengerCharts';
import { campaignInput, emptyCampaignForm, localToIso, withRequestKey } from '../../src/pages/campaigns/campaign-form';
import { cancelReasonProblem, isCancellable } from '../../src/pages/campaigns/cancel-reason';
import { monthlySeries, stageSeries } from '../../src/pages/customer/behaviour-series';
import { pdHistogram } from '../../src/pages/portfolio/pd-histogram';
import { customerBehaviour } from '../support/fixtures';

const NOW = new Date('2026-11-30T08:15:00.000Z');

describe('campaign form', () => {
  const valid = { ...emptyCampaignForm(NOW), name: ' Double 11 ', amount: '1000' };

  it('builds the mutation input with UTC instants and only the eligibility given', () => {
    expect(campaignInput({ ...valid, tiers: ['STANDARD'], regions: '44, 11,' })).toEqual({
      input: {
        name: 'Double 11',
        products: ['PAY_LATER'],
        amount: '1000.00',
        startsAt: '2026-11-30T08:15:00.000Z',
        endsAt: '2026-12-07T08:15:00.000Z',
        eligibility: { tiers: ['STANDARD'], regions: ['44', '11'] },
      },
    });
    expect(campaignInput({ ...valid, kind: 'multiplier', multiplier: '1.5' })).toMatchObject({ input: { multiplier: 1.5 } });
  });

  it.each([
    [{ name: ' ' }, 'inputNameRequired'],
    [{ products: [] }, 'inputProductsRequired'],
    [{ amount: '0' }, 'inputAmountInvalid'],
    [{ kind: 'multiplier' as const, multiplier: '1' }, 'inputMultiplierInvalid'],
    [{ endsAt: '2026-11-30T08:15' }, 'inputPeriodInvalid'],
  ])('refuses %j with %s', (change, problem) => {
    expect(campaignInput({ ...valid, ...change })).toEqual({ problem });
  });

  it('sends the same request again with the same idempotency key, and a changed one with a new key', () => {
    let n = 0;
    const fresh = () => `k${++n}`;
    const input = { name: 'Spring', products: ['PAY_LATER' as const], amount: '100.00', startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2026-12-08T00:00:00.000Z' };
    const first = withRequestKey(input, null, fresh);
    expect(first.input.idempotencyKey).toBe('k1');
    expect(withRequestKey({ ...input }, first.sent, fresh).input.idempotencyKey).toBe('k1');
    expect(withRequestKey({ ...input, amount: '200.00' }, first.sent, fresh).input.idempotencyKey).toBe('k2');
  });

  it('reads datetime-local values as UTC', () => {
    expect(localToIso('2026-11-30T08:00')).toBe('2026-11-30T08:00:00.000Z');
    expect(localToIso('nonsense')).toBeNull();
  });
});

describe('allocation form', () => {
  it('sends the policy version only with POLICY, and the filter only when given', () => {
    expect(allocationInput({ ...EMPTY_ALLOCATION_FORM, budget: '15000000', policyVersion: '3' })).toEqual({
      input: { method: 'OPTIMISER', budget: '15000000.00' },
    });
    expect(allocationInput({ ...EMPTY_ALLOCATION_FORM, method: 'POLICY', budget: '1.5', policyVersion: '3', stages: ['ACTIVE'] })).toEqual({
      input: { method: 'POLICY', policyVersion: 3, budget: '1.50', filter: { stages: ['ACTIVE'] } },
    });
    expect(allocationInput({ ...EMPTY_ALLOCATION_FORM, budget: '-1' })).toEqual({ problem: 'inputBudgetInvalid' });
  });

  it('refuses a policy version that is not a whole number above 0 rather than sending NaN (null on the wire)', () => {
    for (const policyVersion of ['v3', '３', '2.5', '0', '-1', '1e3', '99999999999'])
      expect(allocationInput({ ...EMPTY_ALLOCATION_FORM, method: 'POLICY', budget: '100', policyVersion })).toEqual({ problem: 'inputPolicyVersionInvalid' });
    expect(allocationInput({ ...EMPTY_ALLOCATION_FORM, method: 'POLICY', budget: '100', policyVersion: ' 12 ' })).toEqual({
      input: { method: 'POLICY', budget: '100.00', policyVersion: 12 },
    });
    // the field is hidden with the optimiser, so whatever it still holds is ignored
    expect(allocationInput({ ...EMPTY_ALLOCATION_FORM, budget: '100', policyVersion: 'v3' })).toEqual({ input: { method: 'OPTIMISER', budget: '100.00' } });
  });

  it('asks for no more expected loss than the champion only with the optimiser', () => {
    expect(allocationInput({ ...EMPTY_ALLOCATION_FORM, budget: '100', lossAtMostChampion: true })).toEqual({
      input: { method: 'OPTIMISER', budget: '100.00', expectedLossAtMostChampion: true },
    });
    expect(allocationInput({ ...EMPTY_ALLOCATION_FORM, method: 'POLICY', budget: '100', lossAtMostChampion: true })).toEqual({
      input: { method: 'POLICY', budget: '100.00' },
    });
  });
});

describe('allocation segment labels', () => {
  it('names regions by province in the language shown, and other segments by their enum label', () => {
    expect(segmentLabel('zh-CN', 'REGION', '44')).toBe('广东');
    expect(segmentLabel('en', 'REGION', '44')).toBe('Guangdong');
    expect(segmentLabel('en', 'TIER', 'HIGH_RISK')).not.toBe('HIGH_RISK');
    expect(segmentLabel('en', 'REGION', 'UNKNOWN')).toBe(segmentLabel('en', 'STAGE', 'UNKNOWN'));
  });
});

describe('peak labels', () => {
  it('names festivals in the language shown and detected peaks by their dates', () => {
    const double11 = { code: 'DOUBLE_11', name: 'Double 11 (Singles Day)', start: '2027-11-01', end: '2027-11-11' };
    expect(peakLabel('zh-CN', double11)).toBe('双十一');
    expect(peakLabel('en', double11)).toBe('Double 11 (Singles Day)');
    const detected = { code: 'DETECTED', name: 'Volume peak 2027-03-02 to 2027-03-04', start: '2027-03-02', end: '2027-03-04' };
    expect(peakLabel('zh-CN', detected)).toBe('交易量高峰 2027-03-02 – 2027-03-04');
    expect(peakLabel('en', { ...detected, end: detected.start })).toBe('Volume peak 2027-03-02');
  });
});

describe('behaviour series', () => {
  it('orders months oldest first in fen, with utilisation against the current joint limit', () => {
    expect(monthlySeries(customerBehaviour('c_00000000000000aa').customer!)).toEqual([
      { month: '2026-10', spend: 40000, repaid: 40000, utilisation: 0.04 },
      { month: '2026-11', spend: 50000, repaid: 40000, utilisation: 0.05 },
    ]);
  });

  it('places stages on the step chart in lifecycle order', () => {
    expect(stageSeries([{ at: '2026-02-01T00:00:00.000Z', from: 'NEW', to: 'DORMANT', reason: 'r' }])).toEqual([
      { at: '2026-02-01', stage: 2, to: 'DORMANT' },
    ]);
  });
});

describe('PD histogram', () => {
  it('bins by width and gathers everything at or above the top in one bin', () => {
    const bins = pdHistogram([0, 0.019, 0.02, 0.05, 0.3, 0.9], 0.02, 0.06);
    expect(bins).toEqual([
      { label: '0%–2%', customers: 2 },
      { label: '2%–4%', customers: 1 },
      { label: '4%–6%', customers: 1 },
      { label: '≥6%', customers: 2 },
    ]);
  });
});

describe('campaign cancellation', () => {
  it('wants a reason of 1 to 200 characters, as the API does', () => {
    expect(cancelReasonProblem(' merchant pulled out ')).toBeNull();
    expect(cancelReasonProblem('   ')).toBe('inputCancelReasonInvalid');
    expect(cancelReasonProblem('x'.repeat(200))).toBeNull();
    expect(cancelReasonProblem('x'.repeat(201))).toBe('inputCancelReasonInvalid');
  });

  it('offers cancelling only while the campaign has not ended', () => {
    expect(['SCHEDULED', 'RUNNING', 'ENDED', 'CANCELLED'].map(isCancellable)).toEqual([true, true, false, false]);
  });
});
