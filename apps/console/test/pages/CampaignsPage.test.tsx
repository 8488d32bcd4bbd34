import { isDeepStrictEqual } from 'node:util';
import { GraphQLError } from 'graphql';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CAMPAIGNS, CANCEL_UPLIFT_CAMPAIGN, CREATE_UPLIFT_CAMPAIGN, PEAK_CALENDAR } from '../../src/graphql/campaigns';
import { CampaignsPage } from '../../src/pages/campaigns/CampaignsPage';
import { campaign, peaks } from '../support/fixtures';
import { renderPage, sessionFor } from '../support/render';

const NOW = new Date('2026-11-30T08:15:00.000Z');
const listed = (c: { id: string }) => ({ __typename: 'CampaignEdge', cursor: `cursor-${c.id}`, node: c });
type Listed = ReturnType<typeof listed>;
const connection = (edges: Listed[], hasNextPage: boolean) => ({
  __typename: 'CampaignConnection',
  edges,
  pageInfo: { __typename: 'PageInfo', endCursor: edges.at(-1)?.cursor ?? null, hasNextPage },
});
/** The newest campaigns: the first page. */
const list = (edges: Listed[], hasNextPage = false) => ({
  request: { query: CAMPAIGNS, variables: { first: 20 } },
  result: { data: { campaigns: connection(edges, hasNextPage) } },
});
/** The page of older campaigns after the cursor. */
const olderList = (after: string, edges: Listed[], hasNextPage = false) => ({
  request: { query: CAMPAIGNS, variables: { first: 20, after } },
  result: { data: { campaigns: connection(edges, hasNextPage) } },
});
const peakMock = {
  request: { query: PEAK_CALENDAR, variables: { from: '2026-11-30', to: '2027-11-30' } },
  result: { data: { peakPeriods: peaks } },
};
const expectedInput = {
  name: 'Spring boost',
  products: ['PAY_LATER'],
  amount: '1000.00',
  startsAt: '2026-11-30T08:15:00.000Z',
  endsAt: '2026-12-07T08:15:00.000Z',
};
// the form adds an idempotency key of its own to what was typed
const sentAsTyped = ({ input }: { input: Record<string, unknown> }) => {
  const { idempotencyKey, ...typed } = input;
  return typeof idempotencyKey === 'string' && isDeepStrictEqual(typed, expectedInput);
};
const createMock = (result: object) => ({ request: { query: CREATE_UPLIFT_CAMPAIGN, variables: sentAsTyped }, result });

describe('Campaigns', () => {
  it('shows an analyst the list and the peak calendar but no way to create', async () => {
    renderPage(<CampaignsPage now={NOW} />, { mocks: [list([listed(campaign)]), peakMock] });
    expect((await screen.findByTestId('lines-touched')).textContent).toBe('812');
    expect(await within(screen.getByTestId('peak-calendar')).findByText('Double 11 (Singles Day)')).toBeTruthy();
    expect(screen.queryByTestId('create-campaign')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Use these dates' })).toBeNull();
  });

  it('lets an admin create a campaign and shows the lines it touched', async () => {
    const created = { ...campaign, id: '8', name: 'Spring boost', linesTouched: 990 };
    renderPage(<CampaignsPage now={NOW} />, {
      session: sessionFor('ADMIN'),
      mocks: [
        list([]),
        peakMock,
        createMock({ data: { createUpliftCampaign: { __typename: 'Campaign', id: '8', name: 'Spring boost', linesTouched: 990 } } }),
        list([listed(created)]),
      ],
    });
    expect(await screen.findByText('No campaigns yet.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Spring boost' } });
    fireEvent.change(screen.getByLabelText('Amount (CNY)'), { target: { value: '1000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect((await screen.findByTestId('campaign-created')).textContent).toBe('Campaign “Spring boost” created; 990 lines touched.');
    expect((await screen.findByTestId('lines-touched')).textContent).toBe('990');
  });

  it('checks the form before sending anything, and shows the API refusal with its code', async () => {
    renderPage(<CampaignsPage now={NOW} />, {
      session: sessionFor('ADMIN'),
      mocks: [
        list([]),
        peakMock,
        createMock({ errors: [new GraphQLError('endsAt must be in the future', { extensions: { code: 'BAD_USER_INPUT' } })] }),
      ],
    });
    await screen.findByText('No campaigns yet.');
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(screen.getByRole('alert').textContent).toBe('A name is required.');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Spring boost' } });
    fireEvent.change(screen.getByLabelText('Amount (CNY)'), { target: { value: '1.001' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(screen.getByRole('alert').textContent).toBe('The amount must be above 0 with at most two decimals.');
    fireEvent.change(screen.getByLabelText('Amount (CNY)'), { target: { value: '1000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect((await screen.findByRole('alert')).textContent).toContain('BAD_USER_INPUT: endsAt must be in the future');
  });

  it('fills the dates and products from a peak', async () => {
    renderPage(<CampaignsPage now={NOW} />, { session: sessionFor('ADMIN'), mocks: [list([]), peakMock] });
    fireEvent.click(await screen.findByRole('button', { name: 'Use these dates' }));
    expect((screen.getByLabelText('Starts (UTC)') as HTMLInputElement).value).toBe('2027-11-01T00:00');
    expect((screen.getByLabelText('Ends (UTC)') as HTMLInputElement).value).toBe('2027-11-11T23:59');
  });

  describe('older campaigns', () => {
    const newer = { ...campaign, id: '9', name: 'Double 12 boost', status: 'RUNNING', linesTouched: 640 };
    const showMore = () => within(screen.getByTestId('campaign-list')).queryByRole('button', { name: 'Show more' });

    it('shows the first page, then appends the older page on request until there is none', async () => {
      renderPage(<CampaignsPage now={NOW} />, { mocks: [list([listed(newer)], true), peakMock, olderList('cursor-9', [listed(campaign)])] });
      expect((await screen.findAllByTestId('lines-touched')).map((c) => c.textContent)).toEqual(['640']);
      fireEvent.click(showMore()!);
      expect(showMore()).toHaveProperty('disabled', true);
      await waitFor(() => expect(screen.getAllByTestId('lines-touched').map((c) => c.textContent)).toEqual(['640', '812']));
      expect(showMore()).toBeNull();
    });

    it('offers no more when the first page is all there is', async () => {
      renderPage(<CampaignsPage now={NOW} />, { mocks: [list([listed(newer), listed(campaign)]), peakMock] });
      expect(await screen.findAllByTestId('lines-touched')).toHaveLength(2);
      expect(showMore()).toBeNull();
    });

    it('shows a failed page with its code and keeps the campaigns listed', async () => {
      const failing = { ...olderList('cursor-9', []), result: { errors: [new GraphQLError('limit-allocation is unavailable', { extensions: { code: 'SUBGRAPH_UNAVAILABLE' } })] } };
      renderPage(<CampaignsPage now={NOW} />, { mocks: [list([listed(newer)], true), peakMock, failing] });
      await screen.findAllByTestId('lines-touched');
      fireEvent.click(showMore()!);
      const alert = await within(screen.getByTestId('campaign-list')).findByRole('alert');
      expect(alert.textContent).toContain('SUBGRAPH_UNAVAILABLE: limit-allocation is unavailable');
      expect(screen.getAllByTestId('lines-touched').map((c) => c.textContent)).toEqual(['640']);
      await waitFor(() => expect(showMore()).toHaveProperty('disabled', false));
    });
  });

  describe('cancelling', () => {
    const running = { ...campaign, id: '9', name: 'Double 12 boost', status: 'RUNNING', endsAt: '2026-12-13T00:00:00.000Z' };
    const cancelled = { ...running, status: 'CANCELLED', cancelledAt: '2026-11-30T08:20:00.000Z', cancelledBy: 'dev-admin', cancelReason: 'merchant pulled out' };
    const cancelMock = (result: object) => ({
      request: { query: CANCEL_UPLIFT_CAMPAIGN, variables: { input: { campaignId: '9', reason: 'merchant pulled out' } } },
      result,
    });

    it('shows an analyst each status but no Cancel action', async () => {
      renderPage(<CampaignsPage now={NOW} />, { mocks: [list([listed(running), listed(campaign)]), peakMock] });
      expect((await screen.findAllByTestId('campaign-status')).map((c) => c.textContent)).toEqual(['Running', 'Ended']);
      expect(screen.queryByRole('button', { name: /Cancel campaign/ })).toBeNull();
    });

    it('lets an admin cancel a running campaign with a reason, and shows it cancelled', async () => {
      renderPage(<CampaignsPage now={NOW} />, {
        session: sessionFor('ADMIN'),
        mocks: [
          list([listed(running), listed(campaign)]),
          peakMock,
          cancelMock({ data: { cancelUpliftCampaign: { __typename: 'Campaign', id: '9', status: 'CANCELLED', cancelledAt: cancelled.cancelledAt, cancelledBy: 'dev-admin', cancelReason: 'merchant pulled out' } } }),
          list([listed(cancelled), listed(campaign)]),
        ],
      });
      // an ended campaign offers no Cancel
      expect(await screen.findAllByRole('button', { name: /Cancel campaign/ })).toHaveLength(1);
      fireEvent.click(screen.getByRole('button', { name: 'Cancel campaign: Double 12 boost' }));
      fireEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
      expect(screen.getByRole('alert').textContent).toBe('Give a reason for cancelling, 1 to 200 characters.');
      fireEvent.change(screen.getByLabelText('Reason for cancelling'), { target: { value: ' merchant pulled out ' } });
      fireEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
      await screen.findByText(/Cancelled by dev-admin at .*: merchant pulled out/);
      expect(screen.getAllByTestId('campaign-status')[0]!.textContent).toContain('Cancelled');
      expect(screen.queryByRole('button', { name: /Cancel campaign/ })).toBeNull();
    });

    it('shows the API refusal with its code', async () => {
      renderPage(<CampaignsPage now={NOW} />, {
        session: sessionFor('ADMIN'),
        mocks: [
          list([listed(running)]),
          peakMock,
          cancelMock({ errors: [new GraphQLError('Cannot cancel campaign 9: it already ended', { extensions: { code: 'CONFLICT' } })] }),
        ],
      });
      fireEvent.click(await screen.findByRole('button', { name: 'Cancel campaign: Double 12 boost' }));
      fireEvent.change(screen.getByLabelText('Reason for cancelling'), { target: { value: 'merchant pulled out' } });
      fireEvent.click(screen.getByRole('button', { name: 'Confirm cancellation' }));
      expect((await screen.findByRole('alert')).textContent).toContain('CONFLICT: Cannot cancel campaign 9: it already ended');
    });
  });
});
