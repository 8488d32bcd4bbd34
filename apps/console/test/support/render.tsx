import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import type { Role } from '@jc/domain';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { createCache } from '../../src/apollo/client';
import type { Session } from '../../src/auth/session';
import { SessionProvider } from '../../src/auth/SessionProvider';
import { I18nProvider, type Locale } from '../../src/i18n/i18n';

export const OWN_ID = 'c_00000000000000aa';
export const OTHER_ID = 'c_00000000000000bb';

export function sessionFor(role: Role, customerId?: string): Session {
  return { token: 'test-token', role, subject: `test-${role.toLowerCase()}`, expiresAt: 4_000_000_000, ...(customerId ? { customerId } : {}) };
}

interface Options {
  session?: Session | null;
  mocks?: MockLink.MockedResponse[];
  /** The URL to start at and the route pattern the element is mounted under. */
  at?: string;
  path?: string;
  /** English unless a test is about the Chinese page. */
  locale?: Locale;
}

/** The page inside the console's providers, in English unless asked, with mocked GraphQL responses. */
export function renderPage(element: ReactElement, { session = sessionFor('ANALYST'), mocks = [], at = '/', path = '*', locale = 'en' }: Options = {}): RenderResult {
  return render(
    <I18nProvider initial={locale}>
      <SessionProvider initial={session}>
        <MockedProvider mocks={mocks} cache={createCache()}>
          <MemoryRouter initialEntries={[at]}>
            <Routes>
              <Route path={path} element={element} />
            </Routes>
          </MemoryRouter>
        </MockedProvider>
      </SessionProvider>
    </I18nProvider>,
  );
}
