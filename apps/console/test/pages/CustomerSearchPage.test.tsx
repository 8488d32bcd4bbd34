import { fireEvent, screen, within } from '@testing-library/react';
import { CUSTOMER_BEHAVIOUR, CUSTOMER_LINE, CUSTOMER_LIST, CUSTOMER_SCORE } from '../../src/graphql/customer';
import { CustomerPage } from '../../src/pages/customer/CustomerPage';
import { CustomerSearchPage } from '../../src/pages/customer/CustomerSearchPage';
import { customerBehaviour, customerLine, customerScore } from '../support/fixtures';
import { OWN_ID, renderPage } from '../support/render';

// The API's regionName is always the English name ("Guangdong"); the console names the province
// from its code in the language the user picked.
const listMock = {
  request: { query: CUSTOMER_LIST, variables: { first: 20 } },
  result: {
    data: {
      customers: {
        __typename: 'CustomerConnection',
        edges: [
          {
            __typename: 'CustomerEdge',
            node: { __typename: 'Customer', id: OWN_ID, region: '44', regionName: 'Guangdong', creditProfile: { __typename: 'CreditProfile', score: 612, grade: 'B' } },
          },
        ],
        pageInfo: { __typename: 'PageInfo', endCursor: 'c1', hasNextPage: false },
      },
    },
  },
};

describe('region names follow the language', () => {
  it('lists customers with the province in Chinese in zh-CN and in English in en', async () => {
    const zh = renderPage(<CustomerSearchPage />, { locale: 'zh-CN', mocks: [listMock] });
    const row = (await screen.findByRole('link', { name: OWN_ID })).closest('tr')!;
    expect(within(row).getByText('广东')).toBeTruthy();
    expect(within(row).queryByText('Guangdong')).toBeNull();
    zh.unmount();

    renderPage(<CustomerSearchPage />, { locale: 'en', mocks: [listMock] });
    const enRow = (await screen.findByRole('link', { name: OWN_ID })).closest('tr')!;
    expect(within(enRow).getByText('Guangdong')).toBeTruthy();
  });

  it("names the customer's province in Chinese on the zh-CN customer page", async () => {
    renderPage(<CustomerPage />, {
      locale: 'zh-CN',
      at: `/customers/${OWN_ID}`,
      path: '/customers/:id',
      mocks: [
        { request: { query: CUSTOMER_SCORE, variables: { id: OWN_ID } }, result: { data: customerScore(OWN_ID) } },
        { request: { query: CUSTOMER_BEHAVIOUR, variables: { id: OWN_ID } }, result: { data: customerBehaviour(OWN_ID) } },
        { request: { query: CUSTOMER_LINE, variables: { id: OWN_ID } }, result: { data: customerLine(OWN_ID) } },
      ],
    });
    await screen.findByTestId('score');
    const since = within(screen.getByTestId('score-panel')).getByText(/^开户于/);
    expect(since.textContent).toMatch(/ · 广东$/);
  });
});

const page = (after: string | null, ids: string[], next: string | null) => ({
  request: { query: CUSTOMER_LIST, variables: after ? { first: 20, after } : { first: 20 } },
  result: {
    data: {
      customers: {
        __typename: 'CustomerConnection',
        edges: ids.map((id) => ({ __typename: 'CustomerEdge', node: { __typename: 'Customer', id, region: '44', creditProfile: null } })),
        pageInfo: { __typename: 'PageInfo', endCursor: ids.at(-1) ?? null, hasNextPage: next !== null },
      },
    },
  },
});

describe('customer list pages', () => {
  it('goes past the first 20 customers and back again', async () => {
    const first = Array.from({ length: 20 }, (_, i) => `c_${String(i + 1).padStart(16, '0')}`);
    const second = ['c_0000000000000021', 'c_0000000000000022'];
    renderPage(<CustomerSearchPage />, { locale: 'en', mocks: [page(null, first, 'more'), page(first.at(-1)!, second, null), page(null, first, 'more')] });
    await screen.findByRole('link', { name: first[0]! });
    expect(screen.getByRole('button', { name: 'Previous page' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByRole('link', { name: second[1]! });
    expect(screen.getByTestId('customer-page').textContent).toBe('Page 2');
    expect(screen.getByRole('button', { name: 'Next page' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    await screen.findByRole('link', { name: first[0]! });
    expect(screen.getByTestId('customer-page').textContent).toBe('Page 1');
  });
});
