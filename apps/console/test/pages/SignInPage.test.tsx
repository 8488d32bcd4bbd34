import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { SessionProvider, useSession } from '../../src/auth/SessionProvider';
import { I18nProvider } from '../../src/i18n/i18n';
import { SignInPage } from '../../src/pages/SignInPage';

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const devToken = (role: string) => `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'dev', role, exp: 4_000_000_000 })}.sig`;

function SignedIn() {
  const { session } = useSession();
  return <p data-testid="home">{session?.role}</p>;
}

function renderSignIn(fetchImpl: jest.Mock, locale: 'en' | 'zh-CN' = 'en') {
  global.fetch = fetchImpl;
  return render(
    <I18nProvider initial={locale}>
      <SessionProvider initial={null}>
        <MemoryRouter initialEntries={['/sign-in']}>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/" element={<SignedIn />} />
          </Routes>
        </MemoryRouter>
      </SessionProvider>
    </I18nProvider>,
  );
}

const json = (status: number, body: unknown) => Promise.resolve({ ok: status < 300, status, json: () => Promise.resolve(body) });

describe('sign-in', () => {
  afterEach(() => window.sessionStorage.clear());

  it('in development picks a role, obtains a development token and signs in', async () => {
    const fetchMock = jest.fn((_url: string, init?: RequestInit) =>
      init?.method === 'POST' ? json(200, { token: devToken('ADMIN') }) : json(200, { roles: ['ADMIN'] }),
    );
    renderSignIn(fetchMock);
    fireEvent.click(await screen.findByLabelText('Admin'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in as Admin' }));
    expect((await screen.findByTestId('home')).textContent).toBe('ADMIN');
    expect(JSON.parse(fetchMock.mock.calls[1]![1]!.body as string)).toEqual({ role: 'ADMIN' });
    expect(window.sessionStorage.getItem('jc.console.token')).toBe(devToken('ADMIN'));
  });

  it('shows why a development token was refused', async () => {
    renderSignIn(jest.fn((_u: string, init?: RequestInit) => (init?.method === 'POST' ? json(400, { error: 'not a customer id' }) : json(200, {}))));
    fireEvent.click(await screen.findByLabelText('Customer'));
    fireEvent.change(screen.getByLabelText(/Customer id/), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in as Customer' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Sign-in failed: not a customer id');
  });

  it('in production asks for a bearer token and refuses an unreadable one', async () => {
    renderSignIn(jest.fn(() => json(404, {})), 'zh-CN');
    expect(await screen.findByText('请粘贴网关签发的 Bearer 令牌。')).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
    fireEvent.change(screen.getByLabelText('Bearer 令牌'), { target: { value: 'garbage' } });
    fireEvent.click(screen.getByRole('button', { name: '使用令牌登录' }));
    expect(screen.getByRole('alert').textContent).toBe('令牌无效或已过期。');
    fireEvent.change(screen.getByLabelText('Bearer 令牌'), { target: { value: devToken('ANALYST') } });
    fireEvent.click(screen.getByRole('button', { name: '使用令牌登录' }));
    expect((await screen.findByTestId('home')).textContent).toBe('ANALYST');
  });
});
