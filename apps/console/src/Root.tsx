import { ApolloProvider } from '@apollo/client/react';
import { useMemo } from 'react';
import { BrowserRouter } from 'react-router';
import { createApolloClient } from './apollo/client';
import { App } from './App';
import { SessionProvider, useSession } from './auth/SessionProvider';
import { I18nProvider } from './i18n/i18n';

/** A fresh Apollo cache per session, so nothing one role read is shown to the next. */
function SessionApollo() {
  const { session, signOut } = useSession();
  const token = session?.token ?? null;
  const client = useMemo(() => createApolloClient(() => token, signOut), [token, signOut]);
  return (
    <ApolloProvider client={client}>
      <App />
    </ApolloProvider>
  );
}

export function Root() {
  return (
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <SessionApollo />
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  );
}
