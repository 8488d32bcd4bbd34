import type { MockLink } from '@apollo/client/testing';
import { GraphQLError } from 'graphql';
import { screen, within } from '@testing-library/react';
import { CustomerPage } from '../../src/pages/customer/CustomerPage';
import { CUSTOMER_BEHAVIOUR, CUSTOMER_LINE, CUSTOMER_SCORE } from '../../src/graphql/customer';
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
