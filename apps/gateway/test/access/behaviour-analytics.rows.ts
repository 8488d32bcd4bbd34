import { ADMIN_ONLY, freshCustomerId, STAFF_READ, WRITE, type AccessRows } from './rows';

let events = 0;
/** Each write uses new event ids, so every allowed role really stores something. */
const eventId = () => `access-test-${(events += 1)}`;

export const behaviourAnalyticsRows: AccessRows = {
  'Query.peakPeriods': {
    query: () => ({ query: '{ peakPeriods(from: "2026-01-01", to: "2026-12-31") { source code start end } }' }),
    expect: STAFF_READ,
  },
  'Query.segmentSummary': {
    query: () => ({ query: '{ segmentSummary(groupBy: STAGE) { key customers spendP50 delinquencyRate } }' }),
    expect: STAFF_READ,
  },
  'Mutation.recordTransactions': {
    query: () => ({
      query: 'mutation ($input: [TransactionInput!]!) { recordTransactions(input: $input) }',
      variables: {
        input: [{ eventId: eventId(), customerId: freshCustomerId(), product: 'PAY_LATER', amount: '12.34', merchantCategory: 'GROCERY', channel: 'ONLINE', occurredAt: '2026-01-05T08:00:00Z' }],
      },
    }),
    expect: WRITE,
  },
  'Mutation.recordRepayments': {
    query: () => ({
      query: 'mutation ($input: [RepaymentInput!]!) { recordRepayments(input: $input) }',
      variables: {
        input: [{ eventId: eventId(), customerId: freshCustomerId(), product: 'PAY_LATER', amount: '12.34', dueDate: '2026-01-21T00:00:00Z', paidAt: '2026-01-20T00:00:00Z' }],
      },
    }),
    expect: WRITE,
  },
  'Mutation.recordCustomerRegions': {
    query: () => ({
      query: 'mutation ($input: [CustomerRegionInput!]!) { recordCustomerRegions(input: $input) }',
      variables: { input: [{ customerId: freshCustomerId(), region: '44' }] },
    }),
    expect: WRITE,
  },
  'Query.behaviourAnalyticsDeadLetters': {
    query: () => ({ query: '{ behaviourAnalyticsDeadLetters(first: 5) { edges { node { consumer eventId error attempts parkedAt } } pageInfo { hasNextPage } } }' }),
    expect: ADMIN_ONLY,
  },
  'Mutation.replayBehaviourAnalyticsEvent': {
    query: () => ({ query: 'mutation { replayBehaviourAnalyticsEvent(input: { consumer: "behaviour-analytics.none", eventId: "evt-00000000" }) }' }),
    expect: ADMIN_ONLY,
    allowedErrors: ['BAD_USER_INPUT'],
  },
};
