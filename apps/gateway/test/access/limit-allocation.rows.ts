import { freshCustomerId, WRITE, type AccessRows } from './rows';

export const limitAllocationRows: AccessRows = {
  'Mutation.openCreditLine': {
    query: () => ({
      query: 'mutation ($id: ID!) { openCreditLine(input: { customerId: $id, jointLimit: "1000.00", cashLoanLimit: "0.00", payLaterLimit: "500.00" }) { status } }',
      variables: { id: freshCustomerId() },
    }),
    expect: WRITE,
  },
};
