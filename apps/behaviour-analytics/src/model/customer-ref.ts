/** This subgraph knows a customer only by id; the profile belongs to credit-scoring. */
export interface CustomerRef {
  id: string;
}
