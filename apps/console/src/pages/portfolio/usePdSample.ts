import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { PD_PAGE, type PdPageData } from '../../graphql/portfolio';

const PAGE = 100;
/** Enough for a stable histogram without walking a very large book page by page. */
const MAX_PAGES = 50;

interface PdSample {
  loading: boolean;
  error?: unknown;
  pds?: number[];
}

/** The calibrated PD of every scored customer, read page by page (the API has no PD distribution). */
export function usePdSample(): PdSample {
  const client = useApolloClient();
  const [state, setState] = useState<PdSample>({ loading: true });
  useEffect(() => {
    let live = true;
    void (async () => {
      const pds: number[] = [];
      let after: string | null = null;
      try {
        for (let page = 0; page < MAX_PAGES; page += 1) {
          const { data, error }: { data?: PdPageData; error?: unknown } = await client.query({ query: PD_PAGE, variables: { first: PAGE, after }, fetchPolicy: 'network-only' });
          if (error || !data) throw error ?? new Error('no data');
          for (const { node } of data.customers.edges) if (node.creditProfile) pds.push(node.creditProfile.probabilityOfDefault);
          const info: PdPageData['customers']['pageInfo'] = data.customers.pageInfo;
          if (!info?.hasNextPage || !info.endCursor) break;
          after = info.endCursor;
        }
        if (live) setState({ loading: false, pds });
      } catch (error) {
        if (live) setState({ loading: false, error });
      }
    })();
    return () => {
      live = false;
    };
  }, [client]);
  return state;
}
