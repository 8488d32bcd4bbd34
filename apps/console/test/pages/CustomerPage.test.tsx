import type { MockLink } from '@apollo/client/testing';
import { GraphQLError } from 'graphql';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CustomerPage } from '../../src/pages/customer/CustomerPage';
import { CUSTOMER_BEHAVIOUR, CUSTOMER_LIMIT_HISTORY_PAGE, CUSTOMER_LINE, CUSTOMER_SCORE, CUSTOMER_STAGE_HISTORY_PAGE } from '../../src/graphql/customer';
import { customerBehaviour, customerLine, customerScore } from '../support/fixtures';
import { OTHER_ID, OWN_ID, renderPage, sessionFor } from '../support/render';

const mocksFor = (id: string) => [
  { request: { query: CUSTOMER_SCORE, variables: { id } }, result: { data: customerScore(id) } },
  { request: { query: CUSTOMER_BEHAVIOUR, variables: { id } }, result: { data: customerBehaviour(id) } },
  { request: { query: CUSTOMER_LINE, variables: { id } }, result: { data: customerLine(id) } },
];

const renderCustomer = (id: string, session = sessionFor('ANALYST'), mocks: MockLink.MockedResponse[] = mocksFor(id)) =>
  renderPage(<CustomerPage />, { session, mocks, at: `/customers/${id}`, path: '/customers/:id' });

describe('Customer 360', () => {
  it('shows loading, then the score with grade, PD and reasons, the line and the decision timeline', async () => {
    renderCustomer(OWN_ID);
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Loading…');
    expect(await screen.findByTestId('score')).toHaveProperty('textContent', '612');
    expect(screen.getByTestId('grade').textContent).toBe('B');
    expect(screen.getByTestId('pd').textContent).toBe('4.23%');
    expect(within(screen.getByTestId('reason-codes')).getByText(/Currently late/)).toBeTruthy();
    expect((await screen.findByTestId('effective-joint-limit')).textContent).toBe('¥11,000.00');
    expect(screen.getByTestId('joint-limit').textContent).toBe('¥10,000.00');
    expect(within(screen.getByTestId('uplifts')).getByText(/campaign: Double 11/)).toBeTruthy();
    const decisions = screen.getByTestId('decisions-panel');
    expect(within(decisions).getByText(/¥8,000.00 → ¥10,000.00/)).toBeTruthy();
    expect(within(decisions).getByText('ON_TIME_12M')).toBeTruthy();
    expect(within(decisions).getByText(/Trigger: Review/)).toBeTruthy();
    expect((await screen.findByTestId('stage')).textContent).toBe('Active');
    expect(within(screen.getByTestId('behaviour-panel')).getByRole('img', { name: 'Monthly spend and repayment' })).toBeTruthy();
    expect(within(screen.getByTestId('stage-history')).getByText(/New → Active/)).toBeTruthy();
  });

  it("shows each panel's error with its code while the other panels still load", async () => {
    const [, behaviour, line] = mocksFor(OWN_ID);
    const failingScore = {
      request: { query: CUSTOMER_SCORE, variables: { id: OWN_ID } },
      result: { errors: [new GraphQLError('credit-scoring is unavailable', { extensions: { code: 'SUBGRAPH_UNAVAILABLE' } })] },
    };
    renderCustomer(OWN_ID, sessionFor('ANALYST'), [failingScore, behaviour!, line!]);
    const alert = await within(screen.getByTestId('score-panel')).findByRole('alert');
    expect(alert.textContent).toContain('SUBGRAPH_UNAVAILABLE: credit-scoring is unavailable');
    expect((await screen.findByTestId('effective-joint-limit')).textContent).toBe('¥11,000.00');
  });

  it('lets a customer open their own page', async () => {
    renderCustomer(OWN_ID, sessionFor('CUSTOMER', OWN_ID));
    expect((await screen.findByTestId('score')).textContent).toBe('612');
  });

  it("refuses a customer another customer's page without asking the API", () => {
    renderCustomer(OTHER_ID, sessionFor('CUSTOMER', OWN_ID), []);
    expect(screen.getByTestId('forbidden').textContent).toBe('You may not view this page.');
    expect(screen.queryByTestId('score-panel')).toBeNull();
  });
});

describe('older history on the customer page', () => {
  const lastPage = (endCursor: string) => ({ __typename: 'PageInfo', endCursor, hasNextPage: false });
  const olderStages = {
    request: { query: CUSTOMER_STAGE_HISTORY_PAGE, variables: { id: OWN_ID, after: 's1' } },
    result: {
      data: {
        customer: {
          __typename: 'Customer',
          id: OWN_ID,
          stageHistory: {
            __typename: 'StageChangeConnection',
            edges: [
              { __typename: 'StageChangeEdge', cursor: 's0', node: { __typename: 'StageChange', at: '2025-01-02T00:00:00.000Z', from: null, to: 'NEW', reason: 'onboarded' } },
            ],
            pageInfo: lastPage('s0'),
          },
        },
      },
    },
  };
  const olderDecision = {
    __typename: 'LimitDecision',
    id: 'd0',
    decidedAt: '2025-01-02T00:00:00.000Z',
    trigger: 'ONBOARDING',
    direction: 'INCREASE',
    actor: 'policy',
    policyVersion: 2,
    reasonCodes: ['LINE_OPENED'],
    before: null,
    after: { __typename: 'LimitTerms', jointLimit: '8000.00', tier: 'STANDARD', status: 'ACTIVE' },
  };
  const olderDecisions = {
    request: { query: CUSTOMER_LIMIT_HISTORY_PAGE, variables: { id: OWN_ID, after: 'd1' } },
    result: {
      data: {
        customer: {
          __typename: 'Customer',
          id: OWN_ID,
          limitHistory: { __typename: 'LimitDecisionConnection', edges: [{ __typename: 'LimitDecisionEdge', cursor: 'd0', node: olderDecision }], pageInfo: lastPage('d0') },
        },
      },
    },
  };
  /** The first pages of both histories say older ones follow. */
  const firstPagesWithMore = () => {
    const behaviour = customerBehaviour(OWN_ID);
    behaviour.customer!.stageHistory.pageInfo.hasNextPage = true;
    const line = customerLine(OWN_ID);
    line.customer!.limitHistory.pageInfo.hasNextPage = true;
    return [
      { request: { query: CUSTOMER_SCORE, variables: { id: OWN_ID } }, result: { data: customerScore(OWN_ID) } },
      { request: { query: CUSTOMER_BEHAVIOUR, variables: { id: OWN_ID } }, result: { data: behaviour } },
      { request: { query: CUSTOMER_LINE, variables: { id: OWN_ID } }, result: { data: line } },
    ];
  };
  const showMoreIn = (testId: string) => within(screen.getByTestId(testId)).queryByRole('button', { name: 'Show more' });

  it('appends the older stage changes to the first page on request, then offers no more', async () => {
    renderCustomer(OWN_ID, sessionFor('ANALYST'), [...firstPagesWithMore(), olderStages]);
    await within(await screen.findByTestId('stage-history')).findByText(/New → Active/);
    fireEvent.click(showMoreIn('behaviour-panel')!);
    expect(showMoreIn('behaviour-panel')).toHaveProperty('disabled', true);
    await waitFor(() => expect(within(screen.getByTestId('stage-history')).getAllByRole('listitem')).toHaveLength(2));
    const changes = within(screen.getByTestId('stage-history')).getAllByRole('listitem').map((li) => li.textContent);
    expect(changes[0]).toContain('New → Active');
    expect(changes[1]).toContain('— → New · onboarded');
    expect(showMoreIn('behaviour-panel')).toBeNull();
    // the decisions have their own control, untouched
    expect(showMoreIn('decisions-panel')).toHaveProperty('disabled', false);
  });

  it('appends the older decisions to the first page on request, then offers no more', async () => {
    renderCustomer(OWN_ID, sessionFor('ANALYST'), [...firstPagesWithMore(), olderDecisions]);
    const decisions = await screen.findByTestId('decisions-panel');
    await within(decisions).findByText('ON_TIME_12M');
    fireEvent.click(showMoreIn('decisions-panel')!);
    expect(showMoreIn('decisions-panel')).toHaveProperty('disabled', true);
    expect(await within(decisions).findByText('LINE_OPENED')).toBeTruthy();
    expect(within(decisions).getAllByRole('listitem').map((li) => li.querySelector('code')?.textContent)).toEqual(['ON_TIME_12M', 'LINE_OPENED']);
    expect(showMoreIn('decisions-panel')).toBeNull();
    // the line panel reads the same query and is unchanged
    expect(screen.getByTestId('effective-joint-limit').textContent).toBe('¥11,000.00');
  });

  it('shows a failed page with its code in its panel and keeps what was listed', async () => {
    const failing = { ...olderDecisions, result: { errors: [new GraphQLError('limit-allocation is unavailable', { extensions: { code: 'SUBGRAPH_UNAVAILABLE' } })] } };
    renderCustomer(OWN_ID, sessionFor('ANALYST'), [...firstPagesWithMore(), failing]);
    const decisions = await screen.findByTestId('decisions-panel');
    await within(decisions).findByText('ON_TIME_12M');
    fireEvent.click(showMoreIn('decisions-panel')!);
    expect((await within(decisions).findByRole('alert')).textContent).toContain('SUBGRAPH_UNAVAILABLE: limit-allocation is unavailable');
    expect(within(decisions).getByText('ON_TIME_12M')).toBeTruthy();
    await waitFor(() => expect(showMoreIn('decisions-panel')).toHaveProperty('disabled', false));
  });

  it('offers no more where the first page is the whole history', async () => {
    renderCustomer(OWN_ID);
    await within(await screen.findByTestId('decisions-panel')).findByText('ON_TIME_12M');
    await screen.findByTestId('stage-history');
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });
});
