import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { newestFirstPages } from './newest-first-pages';

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      ScoringModel: { keyFields: ['version'] },
      // A simulation just returned by simulateAllocation is read from the cache, not fetched again.
      Query: {
        fields: {
          allocationSimulation: { read: (_, { args, toReference }) => toReference({ __typename: 'AllocationSimulation', id: args?.id }) },
          // "Show more" appends older pages (the customer list pages one at a time instead: no policy)
          campaigns: newestFirstPages(),
          allocationSimulations: newestFirstPages(),
        },
      },
      Customer: {
        fields: {
          stageHistory: newestFirstPages(),
          limitHistory: newestFirstPages(),
        },
      },
      // Credit lines have no id of their own: they belong to their customer.
      CreditLine: { keyFields: false, merge: true },
    },
  });
}

/**
 * Same-origin /graphql: the console server forwards it to the gateway with the bearer token.
 * A 401 (expired or revoked token) ends the session, which sends the user back to sign-in.
 */
export function createApolloClient(getToken: () => string | null, onUnauthenticated: () => void): ApolloClient {
  const auth = new SetContextLink((prev) => {
    const token = getToken();
    return token ? { headers: { ...prev.headers, authorization: `Bearer ${token}` } } : {};
  });
  const unauthenticated = new ErrorLink(({ error }) => {
    if (ServerError.is(error) && error.statusCode === 401) onUnauthenticated();
  });
  return new ApolloClient({
    link: ApolloLink.from([unauthenticated, auth, new HttpLink({ uri: '/graphql' })]),
    cache: createCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
