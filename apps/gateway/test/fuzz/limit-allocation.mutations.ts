import { broken, type FuzzedMutation } from './inputs';

export const limitAllocationMutations: FuzzedMutation[] = [
  {
    name: 'openCreditLine',
    query: 'mutation ($input: OpenCreditLineInput!) { openCreditLine(input: $input) { status } }',
    // the valid template names a customer who already has a line, so even "valid" mixes must not change anything
    inputs: broken({ customerId: 'OWN', jointLimit: '1000.00', cashLoanLimit: '0.00', payLaterLimit: '500.00' }),
  },
];
