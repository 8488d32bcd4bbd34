import { campaignStatus, cancelProblems, cancelRefusal, isCampaignId } from '../src/model/overlay-cancellation';
import { upliftRefusal } from '../src/model/uplift-eligibility';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-11-30T08:00:00Z');

describe('upliftRefusal', () => {
  const line = { status: 'ACTIVE' as const, cashLoanLimit: 0, payLaterLimit: 300_000 };

  it('lets an uplift on open products of an ACTIVE line through', () => {
    expect(upliftRefusal(line, ['PAY_LATER'])).toBeNull();
  });

  it('refuses a product whose base limit is 0, naming products', () => {
    expect(upliftRefusal(line, ['CASH_LOAN', 'PAY_LATER'])).toEqual({ kind: 'PRODUCT_CLOSED', path: 'products', reason: expect.stringContaining('CASH_LOAN is not open') });
  });

  it.each(['FROZEN', 'CLOSED'] as const)('refuses a %s line before looking at products', (status) => {
    expect(upliftRefusal({ ...line, status }, ['CASH_LOAN'])).toEqual({ kind: 'LINE_NOT_ACTIVE', reason: expect.stringContaining(status) });
  });
});

describe('cancellation rules', () => {
  it('wants a reason of 1 to 200 characters, trimmed', () => {
    expect(cancelProblems({ reason: ' ok ' })).toEqual([]);
    expect(cancelProblems({ reason: '  ' })).toEqual([{ path: 'reason', reason: 'must be 1 to 200 characters' }]);
    expect(cancelProblems({ reason: 'x'.repeat(200) })).toEqual([]);
    expect(cancelProblems({ reason: 'x'.repeat(201) })).toHaveLength(1);
  });

  it('cancels an overlay running or to come, not one ended or already cancelled', () => {
    expect(cancelRefusal({ endsAt: at('2026-12-01T00:00:00Z'), cancelledAt: null }, NOW)).toBeNull();
    expect(cancelRefusal({ endsAt: NOW, cancelledAt: null }, NOW)).toContain('already ended');
    expect(cancelRefusal({ endsAt: at('2026-11-30T07:00:00Z'), cancelledAt: at('2026-11-30T07:00:00Z') }, NOW)).toContain('already cancelled');
  });

  it('tells a campaign status from the clock and its cancellation', () => {
    const c = { startsAt: at('2026-12-01T00:00:00Z'), endsAt: at('2026-12-02T00:00:00Z'), cancelledAt: null };
    expect(campaignStatus(c, NOW)).toBe('SCHEDULED');
    expect(campaignStatus(c, at('2026-12-01T00:00:00Z'))).toBe('RUNNING');
    expect(campaignStatus(c, at('2026-12-02T00:00:00Z'))).toBe('ENDED');
    expect(campaignStatus({ ...c, cancelledAt: NOW }, NOW)).toBe('CANCELLED');
    expect(cancelRefusal(c, NOW)).toBeNull();
    expect(cancelRefusal({ ...c, cancelledAt: NOW }, NOW)).toContain('already cancelled');
  });

  it('knows a campaign id from anything else', () => {
    expect(isCampaignId('42')).toBe(true);
    expect(['0', '042', 'campaign-1', '', '1'.repeat(19)].map(isCampaignId)).toEqual([false, false, false, false, false]);
  });
});
