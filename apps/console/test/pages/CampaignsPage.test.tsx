import { isDeepStrictEqual } from 'node:util';
import { GraphQLError } from 'graphql';
import { fireEvent, screen, within } from '@testing-library/react';
import { CAMPAIGNS, CREATE_UPLIFT_CAMPAIGN, PEAK_CALENDAR } from '../../src/graphql/campaigns';
import { CampaignsPage } from '../../src/pages/campaigns/CampaignsPage';
import { campaign, peaks } from '../support/fixtures';
import { renderPage, sessionFor } from '../support/render';

const NOW = new Date('2026-11-30T08:15:00.000Z');
const list = (edges: object[]) => ({
  request: { query: CAMPAIGNS, variables: { first: 20 } },
  result: { data: { campaigns: { __typename: 'CampaignConnection', edges } } },
});
const listed = (c: object) => ({ __typename: 'CampaignEdge', node: c });
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
});
