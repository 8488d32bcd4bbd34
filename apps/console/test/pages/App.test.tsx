import { MockedProvider } from '@apollo/client/testing/react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { createCache } from '../../src/apollo/client';
import { App } from '../../src/App';
import type { Session } from '../../src/auth/session';
import { SessionProvider } from '../../src/auth/SessionProvider';
import { I18nProvider } from '../../src/i18n/i18n';
import { OWN_ID, sessionFor } from '../support/render';

function renderApp(at: string, session: Session | null) {
  return render(
    <I18nProvider initial="zh-CN">
      <SessionProvider initial={session}>
        <MockedProvider mocks={[]} cache={createCache()} showWarnings={false}>
          <MemoryRouter initialEntries={[at]}>
            <App />
          </MemoryRouter>
        </MockedProvider>
      </SessionProvider>
    </I18nProvider>,
  );
}

// The pages' queries have no mocked answers here (this is about routes and roles); tests let them
// settle so nothing updates after a test ends.
const navLinks = () => within(screen.getByRole('navigation', { name: 'main' })).getAllByRole('link').map((a) => a.textContent);

describe('routing and roles', () => {
  beforeEach(() => {
    global.fetch = jest.fn(() => Promise.resolve({ ok: true, json: () => Promise.resolve({}) })) as jest.Mock;
  });

  it('sends a visitor without a session to sign-in', async () => {
    renderApp('/portfolio', null);
    expect(await screen.findByRole('heading', { name: '登录' })).toBeTruthy();
  });

  it('shows staff every page, in Chinese by default, with an English switch', async () => {
    renderApp('/customers', sessionFor('ADMIN'));
    await waitFor(() => expect(screen.queryAllByRole('status')).toHaveLength(0));
    expect(navLinks()).toEqual(['客户360', '资产组合', '提额活动', '额度分配', '模型']);
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(navLinks()).toEqual(['Customer 360', 'Portfolio', 'Campaigns', 'Allocation', 'Models']);
    expect(document.documentElement.lang).toBe('en');
  });

  it('tags the page with a stored language choice from the first render, not only on switching', async () => {
    window.localStorage.setItem('jc.console.locale', 'en');
    document.documentElement.lang = 'zh-CN';
    try {
      render(
        <I18nProvider>
          <p>page</p>
        </I18nProvider>,
      );
      await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    } finally {
      window.localStorage.removeItem('jc.console.locale');
    }
  });

  it('gives a customer their own page only and refuses staff pages', async () => {
    renderApp('/', sessionFor('CUSTOMER', OWN_ID));
    expect(navLinks()).toEqual(['我的账户']);
    expect(screen.getByTestId('customer-title').textContent).toBe(`客户 ${OWN_ID}`);
    await waitFor(() => expect(screen.queryAllByRole('status')).toHaveLength(0));
  });

  it.each(['/portfolio', '/campaigns', '/allocation', '/models', '/customers'])('refuses a customer %s', (path) => {
    renderApp(path, sessionFor('CUSTOMER', OWN_ID));
    expect(screen.getByTestId('forbidden')).toBeTruthy();
  });
});
