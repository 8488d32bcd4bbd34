import type { AccessRows } from './rows';

/** Queries and mutations of behaviour-analytics (it has none of its own yet; Customer.behaviour is covered through Query.customer). */
export const behaviourAnalyticsRows: AccessRows = {};
