/** Result shapes of the console's operations (Money arrives as a decimal string in yuan). */
export type Money = string;
export type Product = 'CASH_LOAN' | 'PAY_LATER';
export type LifecycleStage = 'NEW' | 'ACTIVE' | 'DORMANT' | 'HIGH_RISK';
export type CustomerTier = 'HIGH_VALUE' | 'STANDARD' | 'MEDIUM_RISK' | 'HIGH_RISK';
export type RiskGrade = 'A' | 'B' | 'C' | 'D' | 'E';

export interface Connection<T> {
  edges: { node: T }[];
  pageInfo?: { endCursor: string | null; hasNextPage: boolean };
}

export interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
}

/** A connection the console extends page by page: the edges' cursors let a later page merge without duplicates. */
export interface PagedConnection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}
