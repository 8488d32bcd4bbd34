/** The queries the gateway benchmarks send. */

/** Served by credit-scoring alone. */
export const SINGLE_SUBGRAPH_QUERY = '{ customers(first: 5) { edges { node { id region } } } }';

/** credit-scoring, then behaviour-analytics and limit-allocation (entity fetches by Customer id). */
export const FEDERATED_QUERY = '{ customers(first: 5) { edges { node { id region behaviour { lifecycleStage } creditLine { jointLimit } } } } }';

type Edges = { customers: { edges: { node: Record<string, unknown> }[] } };

export function customerIds(data: unknown): string[] {
  return (data as Edges).customers.edges.map(({ node }) => node.id as string);
}

export const fiveCustomers = (data: unknown): string | null =>
  (data as Edges).customers?.edges?.length === 5 ? null : 'expected 5 customers';

export const fullyFederated = (data: unknown): string | null =>
  fiveCustomers(data) ??
  ((data as Edges).customers.edges.every(({ node }) => node.region && (node.behaviour as { lifecycleStage?: string } | null)?.lifecycleStage && 'creditLine' in node)
    ? null
    : 'a customer lacks region, behaviour or creditLine');
