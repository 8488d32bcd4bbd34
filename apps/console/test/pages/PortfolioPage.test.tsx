import { GraphQLError } from 'graphql';
import { screen, within } from '@testing-library/react';
import { PD_PAGE, PORTFOLIO_SUMMARY } from '../../src/graphql/portfolio';
import { PortfolioPage } from '../../src/pages/portfolio/PortfolioPage';
import { portfolioSummary } from '../support/fixtures';
import { renderPage } from '../support/render';

const pdNode = (id: string, pd: number | null) => ({
  __typename: 'Customer',
  id,
  creditProfile: pd == null ? null : { __typename: 'CreditProfile', probabilityOfDefault: pd },
});
const pdPage = (after: string | null, nodes: ReturnType<typeof pdNode>[], next: string | null) => ({
  request: { query: PD_PAGE, variables: { first: 100, after } },
  result: {
    data: {
      customers: {
        __typename: 'CustomerConnection',
        edges: nodes.map((node) => ({ __typename: 'CustomerEdge', node })),
        pageInfo: { __typename: 'PageInfo', endCursor: next, hasNextPage: next !== null },
      },
    },
  },
});

describe('Portfolio', () => {
  it('shows exposure, budget use, the distributions and a PD histogram over every page of customers', async () => {
    renderPage(<PortfolioPage />, {
      mocks: [
        { request: { query: PORTFOLIO_SUMMARY }, result: { data: portfolioSummary } },
        pdPage(null, [pdNode('c_1', 0.01), pdNode('c_2', null)], 'p2'),
        pdPage('p2', [pdNode('c_3', 0.5)], null),
      ],
    });
    expect((await screen.findByTestId('granted-exposure')).textContent).toBe('¥20,000.00');
    expect(screen.getByTestId('budget-used').textContent).toBe('50.0%');
    for (const name of ['By product', 'By tier', 'By stage', 'By region']) expect(screen.getByRole('img', { name })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'By tier' })).getByText('Standard')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'By region' })).getAllByText('Guangdong').length).toBeGreaterThan(0);
    const histogram = screen.getByTestId('pd-histogram');
    expect(await within(histogram).findByText('From 2 scored customers')).toBeTruthy();
  });

  it('shows the error of a failed summary and of a failed PD page', async () => {
    renderPage(<PortfolioPage />, {
      mocks: [
        { request: { query: PORTFOLIO_SUMMARY }, result: { errors: [new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } })] } },
        { request: { query: PD_PAGE, variables: { first: 100, after: null } }, error: new Error('network down') },
      ],
    });
    expect(await screen.findByText('FORBIDDEN: no')).toBeTruthy();
    expect(await within(screen.getByTestId('pd-histogram')).findByText('network down')).toBeTruthy();
  });
});
