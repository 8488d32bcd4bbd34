import { broken, type FuzzedMutation } from './inputs';

// Each event template carries a timestamp far in the future, which no junk value can repair, so
// every generated input must be refused even when the junk lands on another field.
export const behaviourAnalyticsMutations: FuzzedMutation[] = [
  {
    name: 'recordTransactions',
    query: 'mutation ($input: [TransactionInput!]!) { recordTransactions(input: $input) }',
    inputs: broken({
      eventId: 'fuzz-tx',
      customerId: 'OWN',
      product: 'PAY_LATER',
      amount: '10.00',
      merchantCategory: 'GROCERY',
      channel: 'ONLINE',
      occurredAt: '2999-01-01T00:00:00Z',
    }),
  },
  {
    name: 'recordRepayments',
    query: 'mutation ($input: [RepaymentInput!]!) { recordRepayments(input: $input) }',
    inputs: broken({
      eventId: 'fuzz-repay',
      customerId: 'OWN',
      product: 'PAY_LATER',
      amount: '10.00',
      dueDate: '2999-01-01T00:00:00Z',
      paidAt: '2999-01-01T00:00:00Z',
    }),
  },
  {
    // Both fields start invalid, so junk replacing either leaves the other to refuse the item.
    name: 'recordCustomerRegions',
    query: 'mutation ($input: [CustomerRegionInput!]!) { recordCustomerRegions(input: $input) }',
    inputs: broken({ customerId: 'not-a-customer', region: 'XX' }),
  },
  {
    name: 'replayBehaviourAnalyticsEvent',
    query: 'mutation ($input: ReplayEventInput!) { replayBehaviourAnalyticsEvent(input: $input) }',
    // A real consumer with a well-formed id would be NOT_FOUND, not a refusal: keep the consumer broken.
    inputs: broken({ consumer: 'behaviour-analytics.limits', eventId: 'evt-00000000' }).filter((i) => i.consumer !== 'behaviour-analytics.limits'),
  },
];
