import { broken, type FuzzedMutation } from './inputs';

const validOnboard = { region: '44', declaredAnnualIncome: '1000.00', birthYear: 1990, education: 'OTHER' };
export const creditScoringMutations: FuzzedMutation[] = [

  {
    name: 'onboardCustomer',
    query: 'mutation ($input: OnboardCustomerInput!) { onboardCustomer(input: $input) { id } }',
    inputs: broken(validOnboard).filter((i) => !(i.region === '44' && typeof i.declaredAnnualIncome === 'string' && /^\d+(\.\d{1,2})?$/.test(i.declaredAnnualIncome) && i.birthYear === 1990)),
  },
];
