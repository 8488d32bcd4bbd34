import { yuan } from '@jc/domain';
import type { CustomerInput } from '../../src';

/** An ACTIVE, STANDARD customer with room to grow on both products; `over` replaces whole fields. */
export const activeCustomer = (over: Partial<CustomerInput> = {}): CustomerInput => ({
  id: 'c1',
  pd: 0.02,
  stage: 'ACTIVE',
  tier: 'STANDARD',
  annualIncome: yuan(100_000),
  cashLoan: { current: yuan(20_000), drawn: yuan(5_000), apr: 0.15 },
  payLater: { current: yuan(4_000), drawn: yuan(1_000) },
  ...over,
});
