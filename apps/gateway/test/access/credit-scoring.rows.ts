import { READ_OWN, STAFF_READ, WRITE, type AccessRows } from './rows';

export const creditScoringRows: AccessRows = {
  'Query.customer': {
    query: ({ own }) => ({
      query: 'query ($id: ID!) { customer(id: $id) { id region declaredAnnualIncome behaviour { lifecycleStage } creditLine { jointLimit } } }',
      variables: { id: own },
    }),
    expect: READ_OWN,
  },
  'Query.customers': {
    query: () => ({ query: '{ customers(first: 2) { edges { node { id behaviour { lifecycleStage } creditLine { jointLimit } } } } }' }),
    expect: STAFF_READ,
  },
  'Mutation.onboardCustomer': {
    query: () => ({ query: 'mutation { onboardCustomer(input: { region: "44", declaredAnnualIncome: "1000.00", birthYear: 1990, education: OTHER }) { id } }' }),
    expect: WRITE,
  },
};
